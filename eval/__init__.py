"""Evaluation harness: test sets, metrics, reports. Runs questions through `rag.assistant`."""
