"""congress-chat core: ingest, hybrid multilingual retrieval, cited answers. Knows nothing of the UI."""
