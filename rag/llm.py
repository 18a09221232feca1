"""Chat models for the generative answerer, by backend name, built on LangChain.

| backend             | LangChain class                | settings used                                  |
|---------------------|--------------------------------|------------------------------------------------|
| `openai-compatible` | `langchain_openai.ChatOpenAI`  | llm_base_url, llm_model, llm_api_key, timeout  |
| `ollama`            | `langchain_ollama.ChatOllama`  | llm_base_url, llm_model, timeout               |

The API key is read from the environment only (`CONGRESS_CHAT_LLM_API_KEY`), never from a flag.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

import yaml

from rag.errors import ConfigError
from rag.settings import Settings


def chat_model(settings: Settings):
    """The configured chat model, or None for the extractive default."""
    if settings.llm_backend == "extractive":
        return None
    if not settings.llm_model:
        raise ConfigError(f"llm_backend {settings.llm_backend} needs CONGRESS_CHAT_LLM_MODEL")
    if settings.llm_backend == "openai-compatible":
        from langchain_openai import ChatOpenAI

        key = settings.llm_api_key.get_secret_value() if settings.llm_api_key else "not-needed"
        return ChatOpenAI(
            model=settings.llm_model, base_url=settings.llm_base_url, api_key=key,
            temperature=settings.llm_temperature, timeout=settings.llm_timeout, max_retries=0,
        )
    from langchain_ollama import ChatOllama

    return ChatOllama(
        model=settings.llm_model, base_url=settings.llm_base_url or "http://127.0.0.1:11434",
        temperature=settings.llm_temperature, client_kwargs={"timeout": settings.llm_timeout},
    )


@lru_cache(maxsize=None)
def prompt(language: str) -> dict[str, str]:
    """The prompt templates (system, user, rewrite) for `language`, English when none ships."""
    folder = resources.files("rag") / "prompts"
    name = f"{language}.yaml" if (folder / f"{language}.yaml").is_file() else "en.yaml"
    return yaml.safe_load((folder / name).read_text(encoding="utf-8"))
