"""Benchmarks printed by `make bench`: each `bench_*.py` module here has `run(args)` that prints its figures."""
