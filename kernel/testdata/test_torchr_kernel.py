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

    code_page_something = "?paste"

    code_clear_output = "clear_output()"

    def test_torchr_interrupt(self):
        """jupyter_client's interrupt (interrupt_mode "message") stops a busy loop; the session stays."""
        self.flush_channels()
        self.kc.execute("y <- 41")
        self.kc.get_shell_msg(timeout=60)
        msg_id = self.kc.execute("while (TRUE) {}")
        while True:  # wait until it runs
            msg = self.kc.get_iopub_msg(timeout=60)
            if msg["parent_header"].get("msg_id") == msg_id and msg["msg_type"] == "execute_input":
                break
        self.km.interrupt_kernel()
        reply = self.kc.get_shell_msg(timeout=60)
        self.assertEqual(reply["parent_header"]["msg_id"], msg_id)
        self.assertEqual(reply["content"]["status"], "error")
        # Drain iopub up to the idle status of both the interrupted cell and
        # the interrupt_request (control requests report busy/idle too).
        pending = {"cell", "interrupt"}
        while pending:
            msg = self.kc.get_iopub_msg(timeout=60)
            if msg["msg_type"] != "status" or msg["content"]["execution_state"] != "idle":
                continue
            if msg["parent_header"].get("msg_id") == msg_id:
                pending.discard("cell")
            if msg["parent_header"].get("msg_type") == "interrupt_request":
                pending.discard("interrupt")
        reply, output_msgs = self.execute_helper(code="y + 1")
        self.assertEqual(reply["content"]["status"], "ok")
        results = [m for m in output_msgs if m["msg_type"] == "execute_result"]
        self.assertTrue(results, [(m["msg_type"], m["content"]) for m in output_msgs])
        self.assertEqual(results[0]["content"]["data"]["text/plain"], "[1] 42\n")

    def test_torchr_stdin(self):
        """readline() asks the front end through an input_request."""
        self.flush_channels()
        msg_id = self.kc.execute('name <- readline("name? "); cat("hi", name, "\\n")', allow_stdin=True)
        req = self.kc.get_stdin_msg(timeout=60)
        self.assertEqual(req["msg_type"], "input_request")
        self.assertEqual(req["content"]["prompt"], "name? ")
        self.kc.input("bob")
        reply = self.kc.get_shell_msg(timeout=60)
        self.assertEqual(reply["content"]["status"], "ok")
        text = ""
        while True:
            msg = self.kc.get_iopub_msg(timeout=60)
            if msg["parent_header"].get("msg_id") != msg_id:
                continue
            if msg["msg_type"] == "stream":
                text += msg["content"]["text"]
            if msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
                break
        self.assertEqual(text, "hi bob \n")


if __name__ == "__main__":
    unittest.main()
