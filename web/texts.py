"""Interface text in French (default), English and Arabic, and the guess from the browser."""

from __future__ import annotations

LANGUAGES = {"fr": "Français", "en": "English", "ar": "العربية"}
DEFAULT_LANGUAGE = "fr"

TEXTS: dict[str, dict[str, str]] = {
    "fr": {
        "upload_drop": "Cliquez ou déposez des fichiers ici", "file_upload": "Envoi de fichiers", "table_actions": "Actions du tableau",
        "copy_table": "Copier le tableau", "fullscreen": "Plein écran", "table": "Tableau", "cell_menu": "Ouvrir le menu de la cellule",
        "status_complete": "Terminé", "status_error": "Erreur",
        "org_added": "{name} : ajouté comme {path} ({kind} « {title} »)", "org_replaced": "{name} : remplacé comme {path} ({kind} « {title} »)",
        "org_kind_document": "document", "org_kind_programme": "programme",
        "org_refused_type": "{name} : refusé, le type {suffix} n'est pas l'un de {types}",
        "org_refused_size": "{name} : refusé, {size} Mo dépassent la limite de {limit} Mo", "org_refused": "{name} : refusé, {reason}",
        "org_summary": "Index n° {generation}, construit le {built} : {documents} documents, {chunks} passages, encodeur {embedder}.",
        "org_not_indexed": "Non indexés :",
        "org_reading": "Lecture des fichiers", "org_embedding": "Encodage des passages", "org_up_to_date": "L'index est déjà à jour.",
        "org_rebuilt": "Reconstruit en {seconds} s : {documents} documents, {chunks} passages ({new} nouveaux, {changed} modifiés, {removed} retirés).",
        "org_title": "Espace organisateurs", "org_intro": "Ajoutez des documents et des programmes, reconstruisez l'index, lisez les avis des participants.",
        "org_login": "Espace organisateurs de congress-chat : ajout de documents et de programmes, reconstruction de l'index, avis des participants. Identifiant : organiser.",
        "org_corpus_tab": "Corpus", "org_index_tab": "Index", "org_feedback_tab": "Avis",
        "org_programmes_tab": "Programmes lus",
        "org_programmes_intro": "Les séances que le lecteur a trouvées dans les documents (PDF, Word, tableurs, pages web). Téléchargez-les en CSV, corrigez-les dans un tableur et déposez le CSV : ses séances remplacent celles du document (ligne « # source: »).",
        "org_programme_doc": "Document", "org_programme_none": "Aucun programme n'a été trouvé dans les documents indexés.",
        "org_programme_csv": "Télécharger ces séances en CSV",
        "org_programme_columns": "jour|début|fin|titre|salle|modération|intervenants",
        "org_files": "Documents et programmes ({types} ; {mb} Mo au plus chacun)", "org_add": "Ajouter au corpus", "org_upload": "Envoi",
        "org_rebuild": "Reconstruire l'index", "org_rebuild_status": "Reconstruction", "org_uploaded": "Fichiers envoyés",
        "org_remove": "Retirer ce fichier", "org_removed": "{name} retiré. Reconstruisez l'index pour qu'il n'y figure plus.",
        "org_no_file": "Aucun fichier choisi.", "org_then_rebuild": "Reconstruisez l'index pour que les nouveaux fichiers répondent.",
        "org_export_csv": "Exporter en CSV", "org_export_jsonl": "Exporter les avis négatifs comme cas d'évaluation (JSONL)",
        "org_columns": "id|titre|type|fichier|passages", "org_counts": "{up} 👍 · {down} 👎 à ce jour.",
        "unsupported_language": "Je comprends les questions en français, en anglais et en arabe. Reformulez votre question dans l'une de ces langues.",
        "show_passage": "Voir le passage",
        "copy_message": "Copier le message", "copied_message": "Message copié", "more_tabs": "Plus d'onglets",
        "conversation": "Conversation avec l'assistant", "user_said": "Votre question : ", "bot_said": "Réponse : ",
        "like": "J'aime", "dislike": "Je n'aime pas", "clear": "Effacer la conversation",
        "title": "Assistant des congrès",
        "subtitle": "Posez vos questions sur les congrès : chaque réponse cite ses sources.",
        "chat_tab": "Questions", "programme_tab": "Programme",
        "placeholder": "Posez votre question…",
        "send": "Envoyer", "new": "Nouvelle conversation", "language": "Langue",
        "sources": "Sources", "open": "Ouvrir le document à ce passage", "session_row": "Voir dans le programme",
        "empty": "Écrivez une question : la réponse citera les passages des documents.",
        "too_long": "Votre question fait {n} caractères ; limitez-la à {limit}.",
        "hint": "Posez une question sur les congrès, par exemple : « {example} »",
        "comment": "Qu'est-ce qui n'allait pas ? (facultatif)", "comment_send": "Envoyer le commentaire",
        "thanks": "Merci pour votre avis.", "notice": "Remarque",
        "filter_day": "Jour", "filter_room": "Salle", "filter_track": "Parcours", "filter_speaker": "Intervenant",
        "filter_text": "Rechercher", "all": "Tous", "add_calendar": "Ajouter à mon agenda", "whole_programme": "Tout le programme (.ics)",
        "col_when": "Quand", "col_session": "Session", "col_room": "Salle", "col_people": "Intervenants", "no_sessions": "Aucune session ne correspond.",
        "refusal_label": "Pas de réponse dans les documents",
        "doc_missing_title": "Document introuvable",
        "doc_missing": "Ce document ne fait plus partie des documents de l'assistant : il a peut-être été retiré ou remplacé.",
        "back_to_chat": "← Retour au chat",
        "org_too_many": "Trop de tentatives de connexion manquées : réessayez dans {minutes} min.",
        "scroll_down": "Aller en bas de la conversation", "org_page_title": "Espace organisateurs · Assistant des congrès",
        "date_at": "{date} à {time} (UTC)", "date_range": "du {start} au {end}",
    },
    "en": {
        "upload_drop": "Click to upload or drop files", "file_upload": "File upload", "table_actions": "Table actions",
        "copy_table": "Copy table data", "fullscreen": "Fullscreen", "table": "Table", "cell_menu": "Open cell menu",
        "status_complete": "Done", "status_error": "Error",
        "org_added": "{name}: added as {path} ({kind} “{title}”)", "org_replaced": "{name}: replaced as {path} ({kind} “{title}”)",
        "org_kind_document": "document", "org_kind_programme": "programme",
        "org_refused_type": "{name}: refused, type {suffix} is not one of {types}",
        "org_refused_size": "{name}: refused, {size} MB is over the {limit} MB limit", "org_refused": "{name}: refused, {reason}",
        "org_summary": "Index generation {generation}, built {built}: {documents} documents, {chunks} passages, embedder {embedder}.",
        "org_not_indexed": "Not indexed:",
        "org_reading": "Reading files", "org_embedding": "Embedding passages", "org_up_to_date": "Index already up to date.",
        "org_rebuilt": "Rebuilt in {seconds} s: {documents} documents, {chunks} passages ({new} new, {changed} changed, {removed} removed).",
        "org_title": "Organiser space", "org_intro": "Add documents and programmes, rebuild the index, read the attendees' feedback.",
        "org_login": "congress-chat organiser space: add documents and programmes, rebuild the index, read the attendees' feedback. User name: organiser.",
        "org_corpus_tab": "Corpus", "org_index_tab": "Index", "org_feedback_tab": "Feedback",
        "org_programmes_tab": "Programmes read",
        "org_programmes_intro": "The sessions the reader found in documents (PDF, Word, spreadsheets, web pages). Download them as CSV, correct them in a spreadsheet and upload the CSV: its sessions replace the document's (its \"# source:\" line).",
        "org_programme_doc": "Document", "org_programme_none": "No programme was found in the indexed documents.",
        "org_programme_csv": "Download these sessions as CSV",
        "org_programme_columns": "day|start|end|title|room|chairs|speakers",
        "org_files": "Documents and programmes ({types}; up to {mb} MB each)", "org_add": "Add to the corpus", "org_upload": "Upload",
        "org_rebuild": "Rebuild the index", "org_rebuild_status": "Rebuild", "org_uploaded": "Uploaded files",
        "org_remove": "Remove this file", "org_removed": "{name} removed. Rebuild the index to drop it from the answers.",
        "org_no_file": "No file chosen.", "org_then_rebuild": "Rebuild the index to make the new files answerable.",
        "org_export_csv": "Export CSV", "org_export_jsonl": "Export thumbs-down as evaluation cases (JSONL)",
        "org_columns": "id|title|kind|file|passages", "org_counts": "{up} 👍 · {down} 👎 so far.",
        "unsupported_language": "I understand questions in French, English and Arabic. Please ask again in one of these languages.",
        "show_passage": "Show the passage",
        "copy_message": "Copy message", "copied_message": "Message copied", "more_tabs": "More tabs",
        "conversation": "Conversation with the assistant", "user_said": "Your question: ", "bot_said": "Answer: ",
        "like": "Like", "dislike": "Dislike", "clear": "Clear the conversation",
        "title": "Congress assistant",
        "subtitle": "Ask about the congresses: every answer cites its sources.",
        "chat_tab": "Questions", "programme_tab": "Programme",
        "placeholder": "Ask your question…",
        "send": "Send", "new": "New conversation", "language": "Language",
        "sources": "Sources", "open": "Open the document at this passage", "session_row": "See in the programme",
        "empty": "Type a question: the answer will cite passages of the documents.",
        "too_long": "Your question is {n} characters long; keep it under {limit}.",
        "hint": "Ask something about the congresses, for example: “{example}”",
        "comment": "What was wrong? (optional)", "comment_send": "Send comment",
        "thanks": "Thank you for your feedback.", "notice": "Note",
        "filter_day": "Day", "filter_room": "Room", "filter_track": "Track", "filter_speaker": "Speaker",
        "filter_text": "Search", "all": "All", "add_calendar": "Add to my calendar", "whole_programme": "Whole programme (.ics)",
        "col_when": "When", "col_session": "Session", "col_room": "Room", "col_people": "Speakers", "no_sessions": "No session matches.",
        "refusal_label": "No answer in the documents",
        "doc_missing_title": "Document not found",
        "doc_missing": "This document is no longer among the assistant's documents: it may have been removed or replaced.",
        "back_to_chat": "← Back to the chat",
        "org_too_many": "Too many failed login attempts: try again in {minutes} min.",
        "scroll_down": "Scroll down to the latest message", "org_page_title": "Organiser space · Congress assistant",
        "date_at": "{date}, {time} (UTC)", "date_range": "{start} to {end}",
    },
    "ar": {
        "upload_drop": "انقروا أو اسحبوا الملفات إلى هنا", "file_upload": "رفع الملفات", "table_actions": "إجراءات الجدول",
        "copy_table": "نسخ بيانات الجدول", "fullscreen": "ملء الشاشة", "table": "جدول", "cell_menu": "فتح قائمة الخلية",
        "status_complete": "تم", "status_error": "خطأ",
        "org_added": "{name}: أضيف باسم {path} ({kind} «{title}»)", "org_replaced": "{name}: استبدل باسم {path} ({kind} «{title}»)",
        "org_kind_document": "وثيقة", "org_kind_programme": "برنامج",
        "org_refused_type": "{name}: مرفوض، النوع {suffix} ليس من بين {types}",
        "org_refused_size": "{name}: مرفوض، {size} ميغابايت تتجاوز الحد المسموح ({limit} ميغابايت)", "org_refused": "{name}: مرفوض، {reason}",
        "org_summary": "الفهرس رقم {generation}، بني في {built}: {documents} وثائق، {chunks} مقطعا، المرمّز {embedder}.",
        "org_not_indexed": "لم تفهرس:",
        "org_reading": "قراءة الملفات", "org_embedding": "ترميز المقاطع", "org_up_to_date": "الفهرس محدث بالفعل.",
        "org_rebuilt": "أعيد البناء في {seconds} ث: {documents} وثائق، {chunks} مقطعا ({new} جديدة، {changed} معدلة، {removed} محذوفة).",
        "org_title": "فضاء المنظمين", "org_intro": "أضيفوا وثائق وبرامج، أعيدوا بناء الفهرس، اقرؤوا آراء المشاركين.",
        "org_login": "فضاء منظمي congress-chat: إضافة الوثائق والبرامج، إعادة بناء الفهرس، آراء المشاركين. اسم المستخدم: organiser.",
        "org_corpus_tab": "الوثائق", "org_index_tab": "الفهرس", "org_feedback_tab": "الآراء",
        "org_programmes_tab": "البرامج المقروءة",
        "org_programmes_intro": "الجلسات التي وجدها القارئ في الوثائق (PDF و Word والجداول وصفحات الويب). نزّلها بصيغة CSV وصحّحها في جدول ثم ارفع الملف: تحلّ جلساته محلّ جلسات الوثيقة (سطر « # source: »).",
        "org_programme_doc": "الوثيقة", "org_programme_none": "لم يُعثر على أي برنامج في الوثائق المفهرسة.",
        "org_programme_csv": "تنزيل هذه الجلسات بصيغة CSV",
        "org_programme_columns": "اليوم|البداية|النهاية|العنوان|القاعة|رئاسة الجلسة|المتدخلون",
        "org_files": "وثائق وبرامج ({types}؛ {mb} ميغابايت على الأكثر لكل ملف)", "org_add": "إضافة إلى الوثائق", "org_upload": "الإرسال",
        "org_rebuild": "إعادة بناء الفهرس", "org_rebuild_status": "إعادة البناء", "org_uploaded": "الملفات المرسلة",
        "org_remove": "حذف هذا الملف", "org_removed": "تم حذف {name}. أعيدوا بناء الفهرس ليختفي من الأجوبة.",
        "org_no_file": "لم يتم اختيار أي ملف.", "org_then_rebuild": "أعيدوا بناء الفهرس لتصبح الملفات الجديدة قابلة للإجابة.",
        "org_export_csv": "تصدير CSV", "org_export_jsonl": "تصدير الآراء السلبية كحالات تقييم (JSONL)",
        "org_columns": "المعرف|العنوان|النوع|الملف|المقاطع", "org_counts": "{up} 👍 · {down} 👎 حتى الآن.",
        "unsupported_language": "أفهم الأسئلة بالفرنسية والإنجليزية والعربية. يرجى إعادة طرح سؤالكم بإحدى هذه اللغات.",
        "show_passage": "عرض المقطع",
        "copy_message": "نسخ الرسالة", "copied_message": "تم نسخ الرسالة", "more_tabs": "علامات تبويب أخرى",
        "conversation": "المحادثة مع المساعد", "user_said": "سؤالكم: ", "bot_said": "الجواب: ",
        "like": "أعجبني", "dislike": "لم يعجبني", "clear": "مسح المحادثة",
        "title": "مساعد المؤتمرات",
        "subtitle": "اطرحوا أسئلتكم حول المؤتمرات: كل جواب يذكر مصادره.",
        "chat_tab": "أسئلة", "programme_tab": "البرنامج",
        "placeholder": "اكتبوا سؤالكم…",
        "send": "إرسال", "new": "محادثة جديدة", "language": "اللغة",
        "sources": "المصادر", "open": "فتح الوثيقة عند هذا المقطع", "session_row": "عرض في البرنامج",
        "empty": "اكتبوا سؤالا: سيذكر الجواب مقاطع من الوثائق.",
        "too_long": "سؤالكم يتكون من {n} حرفا؛ يرجى ألا يتجاوز {limit}.",
        "hint": "اطرحوا سؤالا حول المؤتمرات، مثلا: «{example}»",
        "comment": "ما الذي لم يكن صحيحا؟ (اختياري)", "comment_send": "إرسال التعليق",
        "thanks": "شكرا على رأيكم.", "notice": "ملاحظة",
        "filter_day": "اليوم", "filter_room": "القاعة", "filter_track": "المسار", "filter_speaker": "المتدخل",
        "filter_text": "بحث", "all": "الكل", "add_calendar": "أضف إلى مفكرتي", "whole_programme": "البرنامج كاملا (.ics)",
        "col_when": "الموعد", "col_session": "الجلسة", "col_room": "القاعة", "col_people": "المتدخلون", "no_sessions": "لا توجد جلسة مطابقة.",
        "refusal_label": "لا جواب في الوثائق",
        "doc_missing_title": "الوثيقة غير موجودة",
        "doc_missing": "لم تعد هذه الوثيقة ضمن وثائق المساعد: ربما حذفت أو استبدلت.",
        "back_to_chat": "→ العودة إلى المحادثة",
        "org_too_many": "محاولات دخول فاشلة كثيرة: أعيدوا المحاولة بعد {minutes} دقيقة.",
        "scroll_down": "الانتقال إلى آخر المحادثة", "org_page_title": "فضاء المنظمين · مساعد المؤتمرات",
        "date_at": "{date} على الساعة {time} (UTC)", "date_range": "من {start} إلى {end}",
    },
}


# The labels web/client.js puts on Gradio's own parts (which it writes in English: the chat's buttons, the organiser
# page's file box and tables, the screen reader's "common.complete") and on chat messages.
CLIENT_KEYS = ("copy_message", "copied_message", "more_tabs", "conversation", "user_said", "bot_said", "like", "dislike", "clear",
               "scroll_down", "title", "upload_drop", "file_upload", "table_actions", "copy_table", "fullscreen", "table", "cell_menu",
               "status_complete", "status_error")


def text(language: str, key: str, **values: object) -> str:
    table = TEXTS.get(language, TEXTS[DEFAULT_LANGUAGE])
    return table[key].format(**values) if values else table[key]


def language_from_header(accept_language: str | None) -> str:
    """The first of fr/en/ar the browser prefers ("ar-MA,ar;q=0.9,fr;q=0.8" → "ar"); French by default."""
    choices = []
    for position, part in enumerate((accept_language or "").split(",")):
        tag, _, params = part.strip().partition(";")
        quality = 1.0
        if params.strip().startswith("q="):
            try:
                quality = float(params.strip()[2:])
            except ValueError:
                quality = 0.0
        code = tag.strip().lower()[:2]
        if code in LANGUAGES:
            choices.append((-quality, position, code))
    return min(choices)[2] if choices else DEFAULT_LANGUAGE
