"""A problem found in an editor's file, printed as `path:line: lỗi: ...` or `path:line: cảnh báo: ...`."""

from __future__ import annotations

from dataclasses import dataclass

from vncontent.errors import display_path

ERROR = "lỗi"
WARNING = "cảnh báo"
DRAFT_NOTE = " (bài đang là bản nháp; phải sửa trước khi xuất bản)"


@dataclass(frozen=True, order=True)
class Problem:
    path: str
    line: int
    level: str  # ERROR or WARNING
    message: str

    def __str__(self) -> str:
        return f"{display_path(self.path)}:{self.line}: {self.level}: {self.message}"



def sort_key(problem: Problem) -> tuple:
    return (display_path(problem.path), problem.line, problem.level != ERROR, problem.message)
