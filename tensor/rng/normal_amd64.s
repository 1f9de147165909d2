//go:build amd64 && !purego

#include "textflag.h"

// Constants of avx_mathfun.h and of ATen's normal_fill_16_AVX2, as float32
// (or int32) bit patterns; each is broadcast to all 8 lanes when used.
DATA cst<>+0(SB)/4, $0x3f800000   // 1.0
DATA cst<>+4(SB)/4, $0x3f000000   // 0.5
DATA cst<>+8(SB)/4, $0x00800000   // smallest normal float
DATA cst<>+12(SB)/4, $0x807fffff  // ~exponent mask
DATA cst<>+16(SB)/4, $0x0000007f  // exponent bias
DATA cst<>+20(SB)/4, $0x3f3504f3  // sqrt(1/2)
DATA cst<>+24(SB)/4, $0x3d9021bb  // log p0
DATA cst<>+28(SB)/4, $0xbdebd1b8  // log p1
DATA cst<>+32(SB)/4, $0x3def251a  // log p2
DATA cst<>+36(SB)/4, $0xbdfe5d4f  // log p3
DATA cst<>+40(SB)/4, $0x3e11e9bf  // log p4
DATA cst<>+44(SB)/4, $0xbe2aae50  // log p5
DATA cst<>+48(SB)/4, $0x3e4cceac  // log p6
DATA cst<>+52(SB)/4, $0xbe7ffffc  // log p7
DATA cst<>+56(SB)/4, $0x3eaaaaaa  // log p8
DATA cst<>+60(SB)/4, $0xb95e8083  // log q1
DATA cst<>+64(SB)/4, $0x3f318000  // log q2
DATA cst<>+68(SB)/4, $0xc0000000  // -2.0
DATA cst<>+72(SB)/4, $0x40c90fdb  // float(2*pi)
DATA cst<>+76(SB)/4, $0x80000000  // sign bit
DATA cst<>+80(SB)/4, $0x3fa2f983  // 4/pi
DATA cst<>+84(SB)/4, $0x00000001  // int 1
DATA cst<>+88(SB)/4, $0xfffffffe  // int ~1
DATA cst<>+92(SB)/4, $0x00000004  // int 4
DATA cst<>+96(SB)/4, $0x00000002  // int 2
DATA cst<>+100(SB)/4, $0xbf490000 // -DP1
DATA cst<>+104(SB)/4, $0xb97da000 // -DP2
DATA cst<>+108(SB)/4, $0xb3222169 // -DP3
DATA cst<>+112(SB)/4, $0x37ccf5ce // cos p0
DATA cst<>+116(SB)/4, $0xbab6061a // cos p1
DATA cst<>+120(SB)/4, $0x3d2aaaa5 // cos p2
DATA cst<>+124(SB)/4, $0xb94ca1f9 // sin p0
DATA cst<>+128(SB)/4, $0x3c08839e // sin p1
DATA cst<>+132(SB)/4, $0xbe2aaaa3 // sin p2
GLOBL cst<>(SB), RODATA|NOPTR, $136

// func normalFill16AVX2(d *float32, blocks int, mean, std float32)
// Turns blocks of 16 uniforms into 16 normals, lane for lane the operations
// of the Go reference normalFill16F32 (and so of ATen's AVX2 build).
TEXT ·normalFill16AVX2(SB), NOSPLIT, $0-24
	MOVQ d+0(FP), DI
	MOVQ blocks+8(FP), CX
	VBROADCASTSS mean+16(FP), Y15
	VBROADCASTSS std+20(FP), Y14
	VBROADCASTSS cst<>+0(SB), Y13
	TESTQ CX, CX
	JZ done

loop:
	// ---- log(u1) with u1 = 1 - d[0:8]
	VMOVUPS (DI), Y0
	VSUBPS Y0, Y13, Y0
	VXORPS Y1, Y1, Y1
	VCMPPS $2, Y1, Y0, Y12          // invalid = u1 <= 0
	VBROADCASTSS cst<>+8(SB), Y2
	VMAXPS Y2, Y0, Y0
	VPSRLD $23, Y0, Y1
	VBROADCASTSS cst<>+12(SB), Y2
	VANDPS Y2, Y0, Y0
	VBROADCASTSS cst<>+4(SB), Y2
	VORPS Y2, Y0, Y0
	VPBROADCASTD cst<>+16(SB), Y2
	VPSUBD Y2, Y1, Y1
	VCVTDQ2PS Y1, Y1
	VADDPS Y13, Y1, Y1              // e
	VBROADCASTSS cst<>+20(SB), Y2
	VCMPPS $1, Y2, Y0, Y2           // mask = x < sqrt(1/2)
	VANDPS Y0, Y2, Y3               // tmp = x & mask
	VSUBPS Y13, Y0, Y0              // x - 1
	VANDPS Y13, Y2, Y2
	VSUBPS Y2, Y1, Y1               // e - (1 & mask)
	VADDPS Y3, Y0, Y0               // x + tmp
	VMULPS Y0, Y0, Y2               // z = x*x
	VBROADCASTSS cst<>+24(SB), Y3
	VBROADCASTSS cst<>+28(SB), Y4
	VFMADD213PS Y4, Y0, Y3
	VBROADCASTSS cst<>+32(SB), Y4
	VFMADD213PS Y4, Y0, Y3
	VBROADCASTSS cst<>+36(SB), Y4
	VFMADD213PS Y4, Y0, Y3
	VBROADCASTSS cst<>+40(SB), Y4
	VFMADD213PS Y4, Y0, Y3
	VBROADCASTSS cst<>+44(SB), Y4
	VFMADD213PS Y4, Y0, Y3
	VBROADCASTSS cst<>+48(SB), Y4
	VFMADD213PS Y4, Y0, Y3
	VBROADCASTSS cst<>+52(SB), Y4
	VFMADD213PS Y4, Y0, Y3
	VBROADCASTSS cst<>+56(SB), Y4
	VFMADD213PS Y4, Y0, Y3
	VMULPS Y0, Y3, Y3               // y*x
	VBROADCASTSS cst<>+60(SB), Y4
	VMULPS Y4, Y1, Y4               // e*q1, rounded
	VFMADD213PS Y4, Y2, Y3          // y = z*y + e*q1
	VBROADCASTSS cst<>+4(SB), Y4
	VFNMADD231PS Y4, Y2, Y3         // y -= z*0.5
	VADDPS Y3, Y0, Y0               // x + y
	VBROADCASTSS cst<>+64(SB), Y4
	VFMADD231PS Y4, Y1, Y0          // + e*q2
	VORPS Y12, Y0, Y0

	// ---- radius = sqrt(-2*log(u1)), theta = 2*pi*u2
	VBROADCASTSS cst<>+68(SB), Y4
	VMULPS Y4, Y0, Y0
	VSQRTPS Y0, Y11
	VMOVUPS 32(DI), Y0
	VBROADCASTSS cst<>+72(SB), Y4
	VMULPS Y0, Y4, Y0

	// ---- sincos(theta)
	VBROADCASTSS cst<>+76(SB), Y4
	VANDPS Y4, Y0, Y5               // sign of sin
	VANDNPS Y0, Y4, Y0              // |x|
	VBROADCASTSS cst<>+80(SB), Y6
	VMULPS Y6, Y0, Y6
	VCVTTPS2DQ Y6, Y7               // j
	VPBROADCASTD cst<>+84(SB), Y8
	VPADDD Y8, Y7, Y7
	VPBROADCASTD cst<>+88(SB), Y8
	VPAND Y8, Y7, Y7                // j = (j+1) & ~1
	VCVTDQ2PS Y7, Y6                // y = float(j)
	VPBROADCASTD cst<>+92(SB), Y8   // 4
	VPAND Y8, Y7, Y9
	VPSLLD $29, Y9, Y9              // swap sign of sin
	VPBROADCASTD cst<>+96(SB), Y10  // 2
	VPAND Y10, Y7, Y3
	VPXOR Y1, Y1, Y1
	VPCMPEQD Y1, Y3, Y3             // polynomial mask: (j & 2) == 0
	VPSUBD Y10, Y7, Y7
	VPANDN Y8, Y7, Y7
	VPSLLD $29, Y7, Y7              // sign of cos
	VXORPS Y9, Y5, Y5
	VBROADCASTSS cst<>+100(SB), Y8
	VFMADD231PS Y8, Y6, Y0
	VBROADCASTSS cst<>+104(SB), Y8
	VFMADD231PS Y8, Y6, Y0
	VBROADCASTSS cst<>+108(SB), Y8
	VFMADD231PS Y8, Y6, Y0          // reduced x
	VMULPS Y0, Y0, Y2               // z
	VBROADCASTSS cst<>+112(SB), Y6
	VBROADCASTSS cst<>+116(SB), Y8
	VFMADD213PS Y8, Y2, Y6
	VBROADCASTSS cst<>+120(SB), Y8
	VFMADD213PS Y8, Y2, Y6
	VMULPS Y2, Y6, Y6
	VBROADCASTSS cst<>+4(SB), Y8
	VMULPS Y8, Y2, Y8               // z*0.5, rounded
	VFMSUB213PS Y8, Y2, Y6          // y*z - z*0.5
	VADDPS Y13, Y6, Y6              // cos polynomial
	VBROADCASTSS cst<>+124(SB), Y8
	VBROADCASTSS cst<>+128(SB), Y9
	VFMADD213PS Y9, Y2, Y8
	VBROADCASTSS cst<>+132(SB), Y9
	VFMADD213PS Y9, Y2, Y8
	VMULPS Y2, Y8, Y8
	VFMADD213PS Y0, Y0, Y8          // sin polynomial: y2*x + x
	VANDPS Y8, Y3, Y9               // ysin2
	VANDNPS Y6, Y3, Y10             // ysin1
	VSUBPS Y9, Y8, Y8
	VSUBPS Y10, Y6, Y6
	VADDPS Y9, Y10, Y9              // sin
	VADDPS Y8, Y6, Y6               // cos
	VXORPS Y5, Y9, Y9
	VXORPS Y7, Y6, Y6

	// ---- outputs
	VMULPS Y6, Y11, Y6
	VMULPS Y9, Y11, Y9
	VFMADD213PS Y15, Y14, Y6
	VFMADD213PS Y15, Y14, Y9
	VMOVUPS Y6, (DI)
	VMOVUPS Y9, 32(DI)
	ADDQ $64, DI
	DECQ CX
	JNZ loop

done:
	VZEROUPPER
	RET

// func cpuid(eaxArg, ecxArg uint32) (eax, ebx, ecx, edx uint32)
TEXT ·cpuid(SB), NOSPLIT, $0-24
	MOVL eaxArg+0(FP), AX
	MOVL ecxArg+4(FP), CX
	CPUID
	MOVL AX, eax+8(FP)
	MOVL BX, ebx+12(FP)
	MOVL CX, ecx+16(FP)
	MOVL DX, edx+20(FP)
	RET

// func xgetbv() (eax, edx uint32)
TEXT ·xgetbv(SB), NOSPLIT, $0-8
	MOVL $0, CX
	XGETBV
	MOVL AX, eax+0(FP)
	MOVL DX, edx+4(FP)
	RET
