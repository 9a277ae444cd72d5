import os

import pytest

from search.background import Background, can_fork


def _pid_and_sum(*numbers):
    return os.getpid(), sum(numbers)


def _fail(path):
    raise FileNotFoundError(2, "không có", path)


@pytest.mark.parametrize("parallel", [True, False])
def test_result_comes_back_from_the_child(parallel):
    pid, total = Background(_pid_and_sum, 1, 2, 3, parallel=parallel).result()
    assert total == 6
    assert (pid != os.getpid()) is (parallel and can_fork())


@pytest.mark.parametrize("parallel", [True, False])
def test_an_error_in_the_child_is_raised_in_the_build(parallel):
    with pytest.raises(FileNotFoundError) as info:
        Background(_fail, "/khong/co", parallel=parallel).result()
    assert info.value.filename == "/khong/co"
