"""jupyter_kernel_test suite for the torchr kernel.

Run by kernel/kernel_jkt_test.go with JUPYTER_PATH pointing at a temporary
kernelspec named "torchr-test" (with /usr/bin/python3 and Debian's
python3-jupyter-kernel-test and python3-jupyter-client).
"""
import unittest

import jupyter_kernel_test as jkt


class TorchrKernelTests(jkt.KernelTests):
    kernel_name = "torchr-test"
    language_name = "torchr"
    file_extension = ".tr"

    code_hello_world = 'cat("hello, world\\n")'
    code_stderr = 'message("an error message")'

    completion_samples = [
        {"text": "txtProgressB", "matches": {"txtProgressBar"}},
        {"text": "setTxtProg", "matches": {"setTxtProgressBar"}},
    ]

    complete_code_samples = ["1 + 1", "x <- c(1, 2)", "f <- function(x) {\n  x + 1\n}"]
    incomplete_code_samples = ["f <- function(x) {", "c(1,", "1 +"]
    invalid_code_samples = ["x y", "1 + )", "}"]

    code_generate_error = 'stop("boom")'

    code_execute_result = [
        {"code": "1 + 2", "result": "[1] 3\n"},
        {"code": "c(1, 2, 3) * 2", "result": "[1] 2 4 6\n"},
        {"code": "paste('a', 'b')", "result": '[1] "a b"\n'},
    ]

    code_display_data = [
        {"code": 'display_html("<b>bold</b>")', "mime": "text/html"},
        {"code": "display(1:3)", "mime": "text/plain"},
    ]

    code_history_pattern = "c(1, 2, 3)*"
    supported_history_operations = ("tail", "range", "search")

    code_inspect_sample = "paste"

    code_clear_output = "clear_output()"


if __name__ == "__main__":
    unittest.main()
