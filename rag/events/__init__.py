"""Congresses across documents, one concern per module:

- `words`       a text's words with their offsets and the ordinals among them
- `dates`       the days an article says an event takes place ("du 20 au 22 octobre 2022", "يومي 6 و7 فبراير")
- `mentions`    where a text names an event, with its edition ("la 4e édition du Congrès national de pneumologie…")
- `places`      cities, countries and regions (`rag/data/cities.tsv`, `countries.tsv`), venues, villages
- `people`      who organises an event and who presides it
- `theme`       an event's theme ("sous le thème « … »", "تحت شعار")
- `facts`       a document's `EventFacts`, each fact with the span of text that states it
- `catalogue`   the facts of each document of an index, read when first needed
- `constraints` what a question across congresses requires of each congress it lists
- `listing`     the answer to such a question: one line per congress, each cited

`rag.answering.extractive` calls `listing` for a question across documents
(`rag.answering.question.asks_across_documents`); `rag.assistant` refuses a question naming a
city no document names (`places.unknown_cities`).
"""
