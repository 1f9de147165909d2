//go:build amd64 && !purego && !noasm

#include "textflag.h"

// func adamCPUID(eaxArg, ecxArg uint32) (eax, ebx, ecx, edx uint32)
TEXT ·adamCPUID(SB), NOSPLIT, $0-24
	MOVL eaxArg+0(FP), AX
	MOVL ecxArg+4(FP), CX
	CPUID
	MOVL AX, eax+8(FP)
	MOVL BX, ebx+12(FP)
	MOVL CX, ecx+16(FP)
	MOVL DX, edx+20(FP)
	RET

// func adamXGETBV() (eax, edx uint32)
TEXT ·adamXGETBV(SB), NOSPLIT, $0-8
	MOVL $0, CX
	XGETBV
	MOVL AX, eax+0(FP)
	MOVL DX, edx+4(FP)
	RET

// func adamAVX2(p, gr, ea, eas *float32, n int, c *[8]float32)
// For n a multiple of 8, with c = b1, 1-b1, b2, 1-b2, sqrt(bc2), eps,
// -step_size, decay (all float32), exactly the scalar loop of fusedAdam:
//   m = m*b1 + (1-b1)*g; v = v*b2 + ((1-b2)*g)*g
//   p = p*decay + (-step_size*m) / (sqrt(v)/sqrt(bc2) + eps)
TEXT ·adamAVX2(SB), NOSPLIT, $0-48
	MOVQ p+0(FP), DI
	MOVQ gr+8(FP), SI
	MOVQ ea+16(FP), R8
	MOVQ eas+24(FP), R9
	MOVQ n+32(FP), CX
	MOVQ c+40(FP), AX
	VBROADCASTSS 0(AX), Y8
	VBROADCASTSS 4(AX), Y9
	VBROADCASTSS 8(AX), Y10
	VBROADCASTSS 12(AX), Y11
	VBROADCASTSS 16(AX), Y12
	VBROADCASTSS 20(AX), Y13
	VBROADCASTSS 24(AX), Y14
	VBROADCASTSS 28(AX), Y15
	XORQ BX, BX

loop:
	CMPQ BX, CX
	JGE  done
	VMOVUPS (SI)(BX*4), Y0
	VMOVUPS (R8)(BX*4), Y1
	VMULPS  Y8, Y1, Y1
	VMULPS  Y9, Y0, Y2
	VADDPS  Y2, Y1, Y1
	VMOVUPS Y1, (R8)(BX*4)
	VMOVUPS (R9)(BX*4), Y3
	VMULPS  Y10, Y3, Y3
	VMULPS  Y11, Y0, Y4
	VMULPS  Y0, Y4, Y4
	VADDPS  Y4, Y3, Y3
	VMOVUPS Y3, (R9)(BX*4)
	VSQRTPS Y3, Y5
	VDIVPS  Y12, Y5, Y5
	VADDPS  Y13, Y5, Y5
	VMULPS  Y14, Y1, Y6
	VDIVPS  Y5, Y6, Y6
	VMOVUPS (DI)(BX*4), Y7
	VMULPS  Y15, Y7, Y7
	VADDPS  Y6, Y7, Y7
	VMOVUPS Y7, (DI)(BX*4)
	ADDQ    $8, BX
	JMP     loop

done:
	VZEROUPPER
	RET
