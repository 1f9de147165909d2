package lang

// The torch layer (torch_*, tensors, autograd) registers its builtins in
// init functions.
import _ "torchr/lang/torch"
