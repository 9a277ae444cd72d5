"""Run one function in a forked child process while the build goes on (the search index while pages render)."""

from __future__ import annotations

import multiprocessing
import traceback

from incremental.parallel_read import can_fork


def _run(connection, function, args) -> None:
    try:
        value = function(*args)
    except BaseException as exc:  # sent back to the parent, which raises it
        message = "".join(traceback.format_exception(exc))
        try:
            connection.send(("error", exc, message))
        except Exception:
            connection.send(("error", None, message))
    else:
        connection.send(("ok", value, None))
    finally:
        connection.close()


class Background:
    """`Background(function, *args)` starts `function(*args)`; `result()` waits for its value or raises its error.

    Without a second core or fork, the function runs in this process when `result()` is called.
    """

    def __init__(self, function, *args, parallel: bool = True):
        self._function, self._args = function, args
        self._connection = self._process = None
        if parallel and can_fork():
            context = multiprocessing.get_context("fork")
            receiver, sender = context.Pipe(duplex=False)
            self._process = context.Process(target=_run, args=(sender, function, args), daemon=True)
            self._process.start()
            sender.close()
            self._connection = receiver

    def result(self):
        if self._process is None:
            return self._function(*self._args)
        try:
            status, value, message = self._connection.recv()
        except EOFError:
            self._process.join()
            code = self._process.exitcode
            raise RuntimeError(f"tiến trình dựng chỉ mục tìm kiếm dừng bất thường (mã {code})") from None
        finally:
            self._connection.close()
        self._process.join()
        if status == "ok":
            return value
        if isinstance(value, BaseException):
            raise value
        raise RuntimeError(message)
