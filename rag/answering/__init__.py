"""Extractive answers, one concern per module, in the order a question goes through them:

- `question`   what the question asks for (a date, a count, a place…; one document or several)
- `candidates` the passages read and their sentences, the candidates (`Candidate`)
- `features`   each candidate described by the features the selection model weighs
  (`coverage`: how much of the question it holds; `focus`: the question's focus vector)
- `choose`     which scored sentences are quoted, or none (a refusal)
- `cite`       the citations `[n]` of the quoted passages
- `compose`    the answer's text: framing line, quotes, short answer, or the refusal
- `extractive` `ExtractiveAnswerer`, which runs them in that order
- `result`     `Answer` and `Citation`, the types every answerer returns

`rag.answer` re-exports what the rest of the code imports. Which documents may answer at all
(those naming the question's editions, years and acronyms) is decided on the retrieval side,
in `rag.ranking`.
"""
