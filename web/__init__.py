"""The web chat: an adapter over `rag` (which knows nothing of it).

`texts` holds the interface strings (fr/en/ar), `render` turns answers, documents and
programmes into escaped HTML (pure functions), `routes` serves documents, the programme page
and `.ics` files, `attendee` and `organiser` are the two Gradio pages, `app` assembles them.
"""
