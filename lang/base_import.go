package lang

// The base library registers its builtins in init functions.
import _ "torchr/lang/base"
