"""The OpenMP runtime a compiled encoder runs on, to choose the threads of one calling thread.

`OMP_NUM_THREADS` is read once per process; libgomp's `omp_set_num_threads` applies to the
thread that calls it only, so one thread can encode a question on one core while another
thread (an organiser's rebuild) keeps every core for passages.
"""

from __future__ import annotations

import ctypes
import glob
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


class OpenMPRuntime:
    def __init__(self, library: ctypes.CDLL) -> None:
        self._library = library
        self._library.omp_get_max_threads.restype = ctypes.c_int
        self._library.omp_set_num_threads.argtypes = [ctypes.c_int]

    def max_threads(self) -> int:
        """Threads the calling thread's next parallel region would use."""
        return self._library.omp_get_max_threads()

    @contextmanager
    def threads(self, count: int) -> Iterator[None]:
        """Parallel regions the calling thread starts inside use `count` threads; other threads are unaffected."""
        before = self.max_threads()
        self._library.omp_set_num_threads(count)
        try:
            yield
        finally:
            self._library.omp_set_num_threads(before)


def _loaded_libraries() -> str:
    try:
        return Path("/proc/self/maps").read_text(errors="replace")
    except OSError:
        return ""


def runtime_of_package(package_dir: str) -> OpenMPRuntime | None:
    """The libgomp a wheel bundles beside its package (`<package>.libs/libgomp-*.so*`, as
    auditwheel places it), provided it is the one loaded in this process (so it is the one the
    package's engine runs on); None otherwise (the engine keeps the process's thread count)."""
    parent, name = os.path.split(os.path.normpath(package_dir))
    loaded = _loaded_libraries()
    for path in sorted(glob.glob(os.path.join(parent, f"{name}.libs", "libgomp*.so*"))):
        if os.path.realpath(path) in loaded:
            try:
                return OpenMPRuntime(ctypes.CDLL(path))
            except (OSError, AttributeError):
                return None
    return None
