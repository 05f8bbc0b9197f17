#!/usr/bin/env python3
"""Refresh the Arabic interface translation: lupdate → fill from the table below → lrelease.

Run after changing any tr() string in ui/:

    .venv/bin/python scripts/update_translations.py          # fails if a string is missing
    .venv/bin/python scripts/update_translations.py --allow-missing

The table is keyed by source text (the same English string gets the same Arabic in every
context); ``CONTEXT_OVERRIDES`` handles the few strings whose meaning depends on where
they appear. Placeholders ({0}, %1 …), a trailing ``\\t<shortcut>`` and the presence of
an ``&`` mnemonic are checked so a translation can never break ``.format()`` or a menu.
"""

from __future__ import annotations

import argparse
import ast
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TS_FILE = ROOT / "ui" / "translations" / "annotator_ar.ts"
QM_FILE = TS_FILE.with_suffix(".qm")
BIN = Path(sys.executable).parent

AR: dict[str, str] = {
    # ---------------------------------------------------------------- common words
    "Annotator": "المُعلِّق",
    "Annotator:": "المُعلِّق:",
    "Annotators": "المُعلِّقون",
    "Document": "المستند",
    "Documents": "المستندات",
    "Title": "العنوان",
    "Title:": "العنوان:",
    "Context": "السياق",
    "Open": "فتح",
    "Search": "بحث",
    "Stop": "إيقاف",
    "Status": "الحالة",
    "Status:": "الحالة:",
    "Label": "الوسم",
    "Label:": "الوسم:",
    "Labels": "الوسوم",
    "Text": "النص",
    "Place": "الموضع",
    "Filter by label, annotator or text": "تصفية حسب الوسم أو المُعلِّق أو النص",
    "Text:": "النص:",
    "Spans": "المقاطع",
    "Span": "المقطع",
    "Note": "ملاحظة",
    "Note:": "ملاحظة:",
    "Cancel": "إلغاء",
    "Close": "إغلاق",
    "OK": "موافق",
    "Export": "تصدير",
    "Import": "استيراد",
    "Format:": "الصيغة:",
    "Label set": "مجموعة الوسوم",
    "Label set:": "مجموعة الوسوم:",
    "Language": "اللغة",
    "File": "الملف",
    "Line": "السطر",
    "Kind": "النوع",
    "Previous": "السابق",
    "Next": "التالي",
    "none": "لا يوجد",
    "Not available": "غير متاح",
    "Zoom": "التكبير",
    "Label help": "شرح الوسم",
    "Keyboard shortcuts": "اختصارات لوحة المفاتيح",
    "Edit span": "تحرير المقطع",
    "Delete span": "حذف المقطع",
    # ---------------------------------------------------------------- statuses
    "To do": "للإنجاز",
    "In progress": "قيد العمل",
    "Done": "منجز",
    "Skipped": "متجاوَز",
    "(not set)": "(غير محدد)",
    "All documents": "كل المستندات",
    "All sources": "كل المصادر",
    "Show only the documents of one source (outlet)": "عرض مستندات مصدر واحد فقط (وسيلة إعلامية)",
    # ---------------------------------------------------------------- annotator dialog
    "Your name (spans and statuses are saved under it):": "اسمك (تُحفظ المقاطع والحالات باسمك):",
    # ---------------------------------------------------------------- search
    "Search the corpus": "البحث في المدوّنة",
    "Word or phrase (diacritics and alef forms ignored)": "كلمة أو عبارة (تُتجاهل الحركات وأشكال الألف)",
    "max ": "الحد الأقصى ",
    "Type something to search for.": "اكتب ما تريد البحث عنه.",
    "Searching…": "جارٍ البحث…",
    "Searching… %1 documents read, %2 matches": "جارٍ البحث… قُرئ %1 مستند، %2 نتيجة",
    "characters %1–%2": "المحارف %1–%2",
    "%1 matches in %2 documents": "%1 نتيجة في %2 مستند",
    "(stopped)": "(أُوقف)",
    "(limit reached; more matches not shown)": "(بلغ الحد الأقصى؛ لم تُعرض نتائج أخرى)",
    "Search in article": "البحث في المقال",
    "Previous match (Shift+Enter, Shift+F3)": "النتيجة السابقة (Shift+Enter، Shift+F3)",
    "Next match (Enter, F3)": "النتيجة التالية (Enter، F3)",
    "Close search (Escape)": "إغلاق البحث (Escape)",
    "No matches": "لا نتائج",
    "%1 of %2": "%1 من %2",
    # ---------------------------------------------------------------- export
    "Browse…": "استعراض…",
    "All annotators": "كل المُعلِّقين",
    "Any status": "أي حالة",
    "All label sets": "كل مجموعات الوسوم",
    "Include documents nobody labelled": "تضمين المستندات التي لم يوسمها أحد",
    "Save to:": "الحفظ في:",
    "A folder (one file per article)": "مجلد (ملف لكل مقال)",
    "A file": "ملف",
    "Export into folder": "التصدير إلى مجلد",
    "Export to file": "التصدير إلى ملف",
    "All files (*)": "كل الملفات (*)",
    "%1 is a folder; choose a file name.": "%1 مجلد؛ اختر اسم ملف.",
    "%1 exists. Replace it?": "%1 موجود. هل تريد استبداله؟",
    "Export cancelled: no file was written.": "أُلغي التصدير: لم يُكتب أي ملف.",
    "The export failed: %1": "فشل التصدير: %1",
    "Exporting…": "جارٍ التصدير…",
    "Exported %1 records with %2 spans to %3.": "صُدِّر %1 سجلًا فيها %2 مقطعًا إلى %3.",
    # ---------------------------------------------------------------- import
    "A file, or a folder of files": "ملف، أو مجلد ملفات",
    "File…": "ملف…",
    "Folder…": "مجلد…",
    "Detect automatically": "اكتشاف تلقائي",
    "As named in the file (else the default)": "كما هو مسمّى في الملف (وإلا فالافتراضية)",
    "As named in the file (else “imported”)": "كما هو مسمّى في الملف (وإلا «imported»)",
    "Skip invalid records and spans (keep the rest)": "تخطّي السجلات والمقاطع غير الصالحة (والاحتفاظ بالباقي)",
    "Update documents already imported": "تحديث المستندات المستوردة سابقًا",
    "Strict: refuse misaligned spans instead of realigning": "صارم: رفض المقاطع غير المتطابقة بدل إعادة محاذاتها",
    "Offsets count UTF-16 code units (JavaScript tools)": "المواضع تَعُدّ وحدات UTF-16 (أدوات JavaScript)",
    "CSV columns": "أعمدة CSV",
    "Text column:": "عمود النص:",
    "Id column:": "عمود المعرّف:",
    "Title column:": "عمود العنوان:",
    "Source:": "المصدر:",
    "Record id": "معرّف السجل",
    "Old offsets": "المواضع القديمة",
    "New offsets": "المواضع الجديدة",
    "Rule or reason": "القاعدة أو السبب",
    "Choose a file to import": "اختر ملفًا لاستيراده",
    "Data files (*.jsonl *.json *.csv *.tsv *.txt *.labels);;All files (*)": "ملفات البيانات (*.jsonl *.json *.csv *.tsv *.txt *.labels);;كل الملفات (*)",
    "Choose a folder to import": "اختر مجلدًا لاستيراده",
    "No such file or folder: %1": "لا يوجد ملف أو مجلد بهذا الاسم: %1",
    "Importing %1…": "جارٍ استيراد %1…",
    "Cancelling; undoing the import…": "جارٍ الإلغاء والتراجع عن الاستيراد…",
    "Importing: %1 records read": "جارٍ الاستيراد: قُرئ %1 سجل",
    "Import finished.": "اكتمل الاستيراد.",
    "The import was refused: nothing was imported.": "رُفض الاستيراد: لم يُستورد شيء.",
    "Import cancelled: nothing was imported.": "أُلغي الاستيراد: لم يُستورد شيء.",
    "The import failed: nothing was imported.": "فشل الاستيراد: لم يُستورد شيء.",
    "realigned": "أُعيدت محاذاته",
    "refused": "مرفوض",
    "… and %1 more": "… و%1 غيرها",
    "warning": "تحذير",
    "Import summary": "ملخّص الاستيراد",
    # ---------------------------------------------------------------- label help / editor
    "Label help: %1": "شرح الوسم: %1",
    "Unknown label: %1": "وسم غير معروف: %1",
    "Show the definition of the highlighted label (F1)": "عرض تعريف الوسم المحدد (F1)",
    "Characters:": "المحارف:",
    # ---------------------------------------------------------------- main window
    "Annotator — {0} — {1}": "المُعلِّق — {0} — {1}",
    "&Open database…": "&فتح قاعدة بيانات…",
    "&New database…": "قاعدة بيانات &جديدة…",
    "&Import…": "ا&ستيراد…",
    "&Export…": "&تصدير…",
    "Change &annotator…": "تغيير ال&مُعلِّق…",
    "&Quit": "&خروج",
    "&Undo": "ت&راجع",
    "&Redo": "إ&عادة",
    "&Delete span": "&حذف المقطع",
    "&Edit span…": "تحري&ر المقطع…",
    "&Label all occurrences…": "&وسم كل المواضع…",
    "&Find in article…": "ال&بحث في المقال…",
    "Find in &corpus…": "البحث في الم&دوّنة…",
    "Find ne&xt": "النتيجة ال&تالية",
    "Find pre&vious": "النتيجة ال&سابقة",
    "&Next document": "المستند ال&تالي",
    "&Previous document": "المستند ال&سابق",
    "Mark &done and next": "تعليم كـ&منجز والانتقال للتالي",
    "Mark &skipped and next": "تعليم كـم&تجاوَز والانتقال للتالي",
    "Zoom &in": "ت&كبير",
    "Zoom &out": "ت&صغير",
    "&Reset zoom": "إعادة ضبط ال&تكبير",
    "&Exact selection (no word snapping)": "تحديد &دقيق (دون الالتصاق بحدود الكلمات)",
    "Show only &my spans": "عرض مقاطعي &فقط",
    "&Suggest from lexicon for this article": "ا&قتراحات المعجم لهذا المقال",
    "&Accept selected suggestion\tA": "&قبول الاقتراح المحدد\tA",
    "&Reject selected suggestion\tR": "&رفض الاقتراح المحدد\tR",
    "Accept all in this &article": "قبول الكل في هذا ال&مقال",
    "Accept this &term in the whole corpus…": "قبول هذا ال&مصطلح في المدوّنة كلها…",
    "&Label help": "&شرح الوسم",
    "&Keyboard shortcuts": "اختصارات لوحة الم&فاتيح",
    "&File": "&ملف",
    "&Edit": "&تحرير",
    "&Go": "&انتقال",
    "&View": "&عرض",
    "&Language": "الل&غة",
    "Label &set": "م&جموعة الوسوم",
    "S&uggestions": "ا&قتراحات",
    "&Help": "م&ساعدة",
    "&Add label set from YAML file…": "إ&ضافة مجموعة وسوم من ملف YAML…",
    "This feature is not available in this build:\n{0}": "هذه الميزة غير متاحة في هذا الإصدار:\n{0}",
    "No document is open.": "لا يوجد مستند مفتوح.",
    "No document": "لا يوجد مستند",
    "{0} — by {1}": "{0} — بواسطة {1}",
    "Suggestion: {0} (A accept, R reject)": "اقتراح: {0} (A للقبول، R للرفض)",
    "This is the last document.": "هذا آخر مستند.",
    "This is the first document.": "هذا أول مستند.",
    "No label has the key “{0}”.": "لا يوجد وسم مفتاحه «{0}».",
    "Select some text (or a span) first.": "حدّد نصًا (أو مقطعًا) أولًا.",
    "No span is selected.": "لا يوجد مقطع محدد.",
    "That span no longer exists.": "لم يعد هذا المقطع موجودًا.",
    "That span belongs to {0}; it is not yours to change.": "هذا المقطع يخص {0}؛ لا يمكنك تعديله.",
    "Suggestion selected: A to accept, R to reject.": "اقتراح محدد: A للقبول، R للرفض.",
    "Select a word or a span first.": "حدّد كلمة أو مقطعًا أولًا.",
    "Label all occurrences": "وسم كل المواضع",
    "Label every occurrence of “{0}” in this article as:": "وسم كل مواضع «{0}» في هذا المقال بـ:",
    "No occurrence found.": "لم يُعثر على أي موضع.",
    "{0} occurrence(s) labelled ({1} already were).": "وُسم {0} موضعًا (وكان {1} موسومًا من قبل).",
    "Suggestions are not available: {0}": "الاقتراحات غير متاحة: {0}",
    "Suggestions failed: {0}": "فشلت الاقتراحات: {0}",
    "{0} suggestion(s) found.": "عُثر على {0} اقتراح.",
    "No suggestion is selected.": "لا يوجد اقتراح محدد.",
    "No pending suggestion in this article.": "لا توجد اقتراحات معلّقة في هذا المقال.",
    "Select a suggestion first.": "حدّد اقتراحًا أولًا.",
    "Corpus-wide acceptance is not available in this build.": "القبول على مستوى المدوّنة غير متاح في هذا الإصدار.",
    "Accept in the whole corpus": "القبول في المدوّنة كلها",
    "Accept {0} suggestion(s) of “{1}” in {2} document(s)?": "هل تقبل {0} اقتراحًا لـ«{1}» في {2} مستند؟",
    "Accept “{0}” in corpus": "قبول «{0}» في المدوّنة",
    "The interface language changes the next time the app starts.": "تتغير لغة الواجهة عند تشغيل التطبيق في المرة القادمة.",
    "Add a label set": "إضافة مجموعة وسوم",
    "Label sets (*.yaml *.yml)": "مجموعات الوسوم (*.yaml *.yml)",
    "Label set not added": "لم تُضف مجموعة الوسوم",
    "The file could not be used:": "تعذّر استخدام الملف:",
    "Suggest a&utomatically when an article opens": "اقترح تل&قائياً عند فتح مقال",
    "Suggest from the lexicon in this article": "اقترح من المعجم في هذا المقال",
    "would realign (not applied)": "سيُعاد ضبطه (لم يُطبَّق)",
    "Status not updated: {0}": "لم تُحدَّث الحالة: {0}",
    "Unexpected error": "خطأ غير متوقع",
    "Something went wrong; your work so far is saved.": "حدث خطأ ما؛ عملك حتى الآن محفوظ.",
    "Label set {0} added.": "أُضيفت مجموعة الوسوم {0}.",
    "Label set {0} updated (same version, same labels).": "حُدِّثت مجموعة الوسوم {0} (الإصدار نفسه والوسوم نفسها).",
    "Label set {0} is already in this database, unchanged.": "مجموعة الوسوم {0} موجودة في قاعدة البيانات هذه دون تغيير.",
    "The file has {0} problem(s):": "في الملف {0} مشكلة:",
    "Open database": "فتح قاعدة بيانات",
    "Annotation databases (*.db *.sqlite);;All files (*)": "قواعد بيانات التعليقات (*.db *.sqlite);;كل الملفات (*)",
    "New database": "قاعدة بيانات جديدة",
    "Annotation databases (*.db)": "قواعد بيانات التعليقات (*.db)",
    "Cannot open database": "تعذّر فتح قاعدة البيانات",
    "“{0}” could not be opened:\n{1}": "تعذّر فتح «{0}»:\n{1}",
    "Label the selection / relabel the selected span": "وسم التحديد / إعادة وسم المقطع المحدد",
    "the label's key (1, 2, …)": "مفتاح الوسم (1، 2، …)",
    "Cycle through spans": "التنقل بين المقاطع",
    "Move span start / end": "تحريك بداية المقطع / نهايته",
    "Accept / reject suggestion": "قبول / رفض الاقتراح",
    "Undo / redo": "تراجع / إعادة",
    "Next / previous document": "المستند التالي / السابق",
    "Mark done and go to the next": "تعليم كمنجز والانتقال إلى التالي",
    "Find in article / corpus": "البحث في المقال / المدوّنة",
    "Accept {0} suggestion(s) of “{1}” as {2} in {3} document(s)?": "هل تقبل {0} اقتراحًا لـ«{1}» بوسم {2} في {3} مستند؟",
    "In the whole corpus": "في المدوّنة كلها",
    "In this article": "في هذا المقال",
    "Label every occurrence of “{0}” as:": "وسم كل مواضع «{0}» بـ:",
    "Label {0} occurrence(s) of “{1}” in {2} document(s) as {3}?": "هل تسم {0} موضعًا لـ«{1}» في {2} مستند بوسم {3}؟",
    "No new occurrence of “{0}”.": "لا توجد مواضع جديدة لـ«{0}».",
    "“Label all” works on a word or phrase of at most {0} words within one paragraph.": "«وسم كل المواضع» يعمل على كلمة أو عبارة من {0} كلمة على الأكثر داخل فقرة واحدة.",
    "This suggestion has no lexicon term.": "هذا الاقتراح ليس له مصطلح في المعجم.",
    "Where:": "أين:",
    "Label every occurrence of “{0}” (diacritics, tatweel and spelling variants included):": "وسم كل مواضع «{0}» (مع التشكيل والتطويل واختلاف الإملاء):",
    "No new occurrence: every one is already labelled so.": "لا مواضع جديدة: كلها موسومة بهذا الوسم.",
    "{0} of {1} occurrence(s) in {2} document(s) will be labelled.": "سيُوسم {0} من {1} موضعًا في {2} مستند.",
    "{0} more are not listed.": "و{0} غيرها غير معروضة.",
    "Label all occurrences (with a preview)": "وسم كل المواضع (مع معاينة)",
    "{0} new suggestion(s); {1} to review in this article.": "{0} اقتراح جديد؛ {1} للمراجعة في هذا المقال.",
    "{0} occurrence(s) labelled.": "وُسم {0} موضعًا.",
    # ---------------------------------------------------------------- app start-up
    "Annotation databases (*.db);;All files (*)": "قواعد بيانات التعليقات (*.db);;كل الملفات (*)",
    "Choose a database": "اختر قاعدة بيانات",
    "Choose another file…": "اختيار ملف آخر…",
    "Sample article": "المقال النموذجي",
    "The database “{0}” could not be opened.": "تعذّر فتح قاعدة البيانات «{0}».",
    "The sample article could not be loaded:\n{0}": "تعذّر تحميل المقال النموذجي:\n{0}",
    "Your name:": "اسمك:",
    # ---------------------------------------------------------------- undo commands
    "Accept {0} suggestion(s)": "قبول {0} اقتراح",
    "Add {0}": "إضافة {0}",
    "Adjust span": "ضبط حدود المقطع",
    "Delete {0} spans": "حذف {0} مقطع",
    "Label {0} occurrence(s) as {1}": "وسم {0} موضع بـ{1}",
    "Not done: {0}": "لم يُنفَّذ: {0}",
    "Reject {0} suggestion(s)": "رفض {0} اقتراح",
    "Relabel as {0}": "إعادة الوسم بـ{0}",
    "Set status {0}": "تعيين الحالة {0}",
    "Set {0}": "تعيين {0}",
    # ---------------------------------------------------------------- editing in the core
    "Every document is done.": "كل المستندات مُنجزة.",
    "Back to the first document not done; {0} remain.": "عودة إلى أول مستند غير مُنجز؛ يتبقى {0}.",
    "{0} document(s) not done remain.": "يتبقى {0} مستند/مستندات غير مُنجزة.",
    "Labelled as {0}.": "وُسم بـ {0}.",
    "Suggestion accepted as {0}.": "قُبل الاقتراح بوسم {0}.",
    "Suggestion rejected.": "رُفض الاقتراح.",
    "Accept all in this article": "قبول الكل في هذا المقال",
    "Accept {0} suggestion(s) in this article as spans?": "قبول {0} اقتراح/اقتراحات في هذا المقال كمقاطع؟",
    "{0} suggestion(s) accepted; {1} span(s) created.": "قُبل {0} اقتراح/اقتراحات؛ أُنشئ {1} مقطع/مقاطع.",
    "rejected before": "رُفض سابقًا",
    "done": "مُنجز",
    "{0} of them already marked done will change.": "سيتغير {0} منها مُعلَّم كمُنجز.",
    "{0} rejected before are unticked.": "أُلغي تحديد {0} رُفضت سابقًا.",
    "Not undone: that span was changed elsewhere.": "لم يُتراجع عنه: عُدّل هذا المقطع في مكان آخر.",
    "Not undone: that span was deleted elsewhere.": "لم يُتراجع عنه: حُذف هذا المقطع في مكان آخر.",
    "pro-opposition": "مؤيد للمعارضة",
    "pro-government": "مؤيد للحكومة",
    "neutral": "محايد",
    "unclear": "غير واضح",
    "against-government": "ضد الحكومة",
    "against-opposition": "ضد المعارضة",
    "against-both": "ضد الطرفين",
    "unbiased": "غير منحاز",
    "not-applicable": "لا ينطبق",
    "pro": "مؤيد",
    "anti": "معارض",
    # ---------------------------------------------------------------- import dialog offsets
    "Span offsets:": "مواضع المقاطع:",
    "As the format's own tool counts them": "كما تعدّها أداة الصيغة نفسها",
    "Code points (Python)": "نقاط الترميز (Python)",
    "UTF-16 code units (JavaScript tools, doccano)": "وحدات UTF-16 (أدوات JavaScript، doccano)",
    "Grapheme clusters (doccano's grapheme option)": "عناقيد المحارف (خيار doccano للمحارف)",
    # ---------------------------------------------------------------- per-format options
    "Label Studio users:": "مستخدمو Label Studio:",
    "Annotator map (one NAME=EMAIL a line)": "خريطة المُعلِّقين (NAME=EMAIL في كل سطر)",
    "amal=amal@example.org, omar=omar@example.org=7 — or a file of pairs": (
        "amal=amal@example.org, omar=omar@example.org=7 — أو ملف بالأزواج"
    ),
    "%1 holds one annotator's labels: choose an annotator (export each annotator to a "
    "file of its own).": ("تحمل صيغة %1 وسوم مُعلِّق واحد: اختر مُعلِّقاً (صدّر كل مُعلِّق إلى ملف خاص به)."),
    "JSON fields (dotted paths reach into nested objects)": (
        "حقول JSON (المسارات المنقوطة تصل إلى الكائنات المتداخلة)"
    ),
    "Id:": "المعرّف:",
    "Spans list:": "قائمة المقاطع:",
    "Span label:": "وسم المقطع:",
    "Span start:": "بداية المقطع:",
    "Span end:": "نهاية المقطع:",
    "Span text:": "نص المقطع:",
    "Source (outlet):": "المصدر (المنفذ الإعلامي):",
    # ---------------------------------------------------------------- team (ui/team)
    "&Team": "&الفريق",
    "My &queue…": "&قائمتي…",
    "&Agreement…": "&الاتفاق…",
    "&Curation…": "&التحكيم…",
    "Agreement": "الاتفاق",
    "Documents everyone marked done": "المستندات التي أنجزها الجميع",
    "Documents everyone touched": "المستندات التي عمل عليها الجميع",
    "Exact F1": "F1 المطابقة التامة",
    "Partial F1": "F1 الجزئي",
    "Cohen's κ": "κ كوهين",
    "Refresh": "تحديث",
    "α (nominal)": "α (اسمي)",
    "{n} documents compared; Krippendorff's α (mean over labels): {a}": "قورن {n} مستنداً؛ α كريبندورف (متوسط الوسوم): {a}",
    "{doc} — exact F1 {f}": "{doc} — F1 المطابقة التامة {f}",
    "No disagreement between {a} and {b}": "لا خلاف بين {a} و{b}",
    "only {who}: {label} {s}–{e} «{text}»": "عند {who} وحده: {label} {s}–{e} «{text}»",
    "Curation — {curator}": "التحكيم — {curator}",
    "Curation status:": "حالة التحكيم:",
    "N/P next/previous conflict · 1–9 take that annotator's span · T take · R reject · "
    "E edit · Ctrl+Z undo · PgDn/PgUp document": "N/P الخلاف التالي/السابق · 1–9 اعتماد مقطع ذلك المُعلِّق · T اعتماد · R رفض · "
    "E تحرير · Ctrl+Z تراجع · PgDn/PgUp المستند",
    "Gold": "المرجع",
    "{name} did not mark this": "لم يضع {name} هذا الوسم",
    "already in gold": "موجود في المرجع",
    "Edit gold span": "تحرير مقطع المرجع",
    "Start": "البداية",
    "End": "النهاية",
    "No undecided conflict left in this document": "لم يبقَ خلاف دون قرار في هذا المستند",
    "Curation is for a curator: {name} is an annotator "
    "(annotator adjudicate --curator NAME makes one).": "التحكيم للمُحكِّم: {name} مُعلِّق "
    "(الأمر annotator adjudicate --curator NAME يعيّن مُحكِّماً).",
    "No document has two annotators done yet.": "لا يوجد بعد مستند أنجزه مُعلِّقان.",
    "My queue — {name}": "قائمتي — {name}",
    "{n} documents assigned and not done": "{n} مستندات مسندة لم تُنجز",
    # ---------------------------------------------------------------- statistics (ui/insight)
    "S&tatistics…": "الإ&حصاءات…",
    "Statistics": "الإحصاءات",
    "(all)": "(الكل)",
    "(no source)": "(بلا مصدر)",
    "After": "بعده",
    "Before": "قبله",
    "Concordance": "السياقات",
    "Density per source": "الكثافة لكل مصدر",
    "Elsewhere": "في غيره",
    "Find": "بحث",
    "Here": "هنا",
    "Labelled by": "وسمه",
    "Naming divergence": "تباين التسمية",
    "Source": "المصدر",
    "Sources": "المصادر",
    "Target:": "الهدف:",
    "Term to find (clitics and diacritics forgiven)": "المصطلح المطلوب (تُتجاهل السوابق والتشكيل)",
    "Term": "المصطلح",
    "Terms": "المصطلحات",
    "Unlabelled only": "غير الموسوم فقط",
    "z": "z",
    "{0} documents: {1}": "{0} مستندات: {1}",
    "{0} occurrences, {1} unlabelled": "{0} ورود، {1} غير موسوم",
    "{0}: {1} spans in {2} documents, {3} sources": "{0}: {1} مقطعاً في {2} مستندات، {3} مصادر",
    "{0}: {1} spans in {2} words, {3} documents": "{0}: {1} مقطعاً في {2} كلمة، {3} مستندات",
    "— unlabelled —": "— غير موسوم —",
    "Click a bar, a term or a row to list its documents; double-click one to open it.": "انقر شريطاً أو مصطلحاً أو صفاً لعرض مستنداته؛ وانقر مستنداً مرتين لفتحه.",
    # ---------------------------------------------------------------- comments, decisions
    "C&omments": "الت&عليقات",
    "Comments": "التعليقات",
    "Comments: {n}": "التعليقات: {n}",
    "Write a comment (Ctrl+Enter: reply to the selected thread, or comment)": "اكتب تعليقاً (Ctrl+Enter: ردّ على النقاش المحدد، أو علّق)",
    "Comment on span": "علّق على المقطع",
    "Comment on document": "علّق على المستند",
    "Reply": "ردّ",
    "Resolve": "أغلق النقاش",
    "Reopen": "أعد فتح النقاش",
    "Span (threads: {n}): {text}": "المقطع (النقاشات: {n}): {text}",
    "Document · threads: {n}": "المستند · النقاشات: {n}",
    "✓ resolved by {name}": "✓ أغلقه {name}",
    "Write the comment first.": "اكتب التعليق أولاً.",
    "Select a span in the article first.": "حدّد مقطعاً في المقال أولاً.",
    "Choose a comment and write the reply.": "اختر تعليقاً واكتب الرد.",
    "taken as is": "أُخذ كما هو",
    "taken edited": "أُخذ معدَّلاً",
    "rejected": "مرفوض",
    "pending": "قيد الانتظار",
    "Curator": "المُحكِّم",
    "Curator's &decisions": "&قرارات المُحكِّم",
    "Curator's decisions": "قرارات المُحكِّم",
    "Curator: {decision}": "المُحكِّم: {decision}",
    "No curator has curated this document yet.": "لم يحكّم أي مُحكِّم هذا المستند بعد.",
    "You curate this document: decisions are shown to its annotators.": "أنت تحكّم هذا المستند: تُعرض القرارات على مُعلِّقيه.",
    "Curator {name}: no decision to show yet (they are shown on documents you marked done).": "المُحكِّم {name}: لا قرارات لعرضها بعد (تُعرض في المستندات التي أنهيتها).",
    "Curator {name} (curation {status}): {parts}": "المُحكِّم {name} (التحكيم: {status}): {parts}",
    "Other spans · threads: {n}": "مقاطع أخرى · النقاشات: {n}",
    "Enter or double-click: select this span": "Enter أو نقر مزدوج: حدّد هذا المقطع",
    "That span is not shown: turn off View ▸ Show only my spans to see it.": "هذا المقطع غير معروض: ألغِ عرض ▸ عرض مقاطعي فقط لتراه.",
}

# (context, source) → translation, where the same English needs different Arabic.
CONTEXT_OVERRIDES: dict[tuple[str, str], str] = {}

_PLACEHOLDER = re.compile(r"\{\d*\}|%\d+|%n")


def run(cmd: list[str]) -> None:
    print("$", " ".join(cmd))
    subprocess.run(cmd, check=True, cwd=ROOT)


def sources() -> list[str]:
    files = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "ui").glob("*.py"))
    files += sorted(str(p.relative_to(ROOT)) for p in (ROOT / "ui" / "dialogs").glob("*.py"))
    files += sorted(str(p.relative_to(ROOT)) for p in (ROOT / "ui" / "controllers").glob("*.py"))
    files += sorted(str(p.relative_to(ROOT)) for p in (ROOT / "ui" / "team").glob("*.py"))
    files += sorted(str(p.relative_to(ROOT)) for p in (ROOT / "ui" / "insight").glob("*.py"))
    return files


def check(source: str, translation: str) -> list[str]:
    """Why ``translation`` would break the program (placeholders, shortcut suffix)."""
    problems = []
    if sorted(_PLACEHOLDER.findall(source)) != sorted(_PLACEHOLDER.findall(translation)):
        problems.append("placeholders differ")
    if "\t" in source and source.split("\t", 1)[1] != translation.split("\t", 1)[-1]:
        problems.append("shortcut after TAB differs")
    if re.search(r"&\w", source) and not re.search(r"&\w", translation):
        problems.append("menu mnemonic (&) missing")
    return problems


def wrapped_messages() -> dict[str, set[str]]:
    """Strings passed to helpers like ``def _tr(text): return QCoreApplication.translate(
    "app", text)``: lupdate cannot see through such wrappers, so find them here.

    Returns context → source texts for every ``_tr("literal")`` call in ui/.
    """
    found: dict[str, set[str]] = {}
    trees = [ast.parse((ROOT / rel).read_text(encoding="utf-8")) for rel in sources()]
    defined: list[dict[str, str]] = []  # per module: wrapper name -> context
    for tree in trees:
        wrappers: dict[str, str] = {}
        for node in ast.walk(tree):
            if not isinstance(node, ast.FunctionDef) or not node.args.args:
                continue
            param = node.args.args[0].arg
            for sub in ast.walk(node):
                # translate("ctx", text) now, or QT_TRANSLATE_NOOP("ctx", text) to mark a
                # string translated later (the action table)
                if (
                    isinstance(sub, ast.Call)
                    and (
                        (isinstance(sub.func, ast.Attribute) and sub.func.attr == "translate")
                        or (isinstance(sub.func, ast.Name) and sub.func.id == "QT_TRANSLATE_NOOP")
                    )
                    and len(sub.args) >= 2
                    and isinstance(sub.args[0], ast.Constant)
                    and isinstance(sub.args[1], ast.Name)
                    and sub.args[1].id == param
                ):
                    wrappers[node.name] = str(sub.args[0].value)
        defined.append(wrappers)
    # A wrapper defined in one module may be imported by others (ui/controllers/base.tr);
    # a module's own definition wins.
    everywhere = {name: ctx for wrappers in defined for name, ctx in wrappers.items()}
    for tree, own in zip(trees, defined, strict=True):
        wrappers = {**everywhere, **own}
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id in wrappers
                and node.args
                and isinstance(node.args[0], ast.Constant)
                and isinstance(node.args[0].value, str)
            ):
                found.setdefault(wrappers[node.func.id], set()).add(node.args[0].value)
    return found


def inject(ts_path: Path, extra: dict[str, set[str]]) -> int:
    """Add ``extra`` messages the .ts lacks (lupdate dropped or never saw them)."""
    tree = ET.parse(ts_path)
    root = tree.getroot()
    contexts = {ctx.findtext("name"): ctx for ctx in root.iter("context")}
    added = 0
    for name in sorted(extra):
        context = contexts.get(name)
        if context is None:
            context = ET.SubElement(root, "context")
            ET.SubElement(context, "name").text = name
        have = {m.findtext("source") for m in context.iter("message")}
        for source in sorted(extra[name] - have):
            message = ET.SubElement(context, "message")
            ET.SubElement(message, "source").text = source
            ET.SubElement(message, "translation").set("type", "unfinished")
            added += 1
    tree.write(ts_path, encoding="utf-8", xml_declaration=True)
    return added


def fill(ts_path: Path) -> tuple[int, list[str]]:
    """Write translations into the .ts; returns (filled count, missing/invalid messages)."""
    tree = ET.parse(ts_path)
    root = tree.getroot()
    root.set("language", "ar")
    root.set("sourcelanguage", "en")
    filled, missing = 0, []
    for context in root.iter("context"):
        ctx_name = context.findtext("name", "")
        for message in context.iter("message"):
            source = message.findtext("source", "")
            translation = message.find("translation")
            if translation is None:
                translation = ET.SubElement(message, "translation")
            if translation.get("type") in {"obsolete", "vanished"}:
                continue
            text = CONTEXT_OVERRIDES.get((ctx_name, source), AR.get(source))
            if text is None:
                missing.append(f"{ctx_name}: {source!r}")
                continue
            if problems := check(source, text):
                missing.append(f"{ctx_name}: {source!r}: {', '.join(problems)}")
                continue
            translation.text = text
            translation.attrib.pop("type", None)
            filled += 1
    ET.indent(tree)
    with open(ts_path, "wb") as fh:
        fh.write(b'<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n')
        tree.write(fh, encoding="utf-8", xml_declaration=False)
        fh.write(b"\n")
    return filled, missing


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--allow-missing",
        action="store_true",
        help="compile even if some strings have no translation",
    )
    parser.add_argument(
        "--no-lupdate", action="store_true", help="only fill and compile the existing .ts"
    )
    args = parser.parse_args(argv)
    TS_FILE.parent.mkdir(parents=True, exist_ok=True)
    if not args.no_lupdate:
        run(
            [
                str(BIN / "pyside6-lupdate"),
                "-no-obsolete",
                "-locations",
                "relative",
                *sources(),
                "-ts",
                str(TS_FILE.relative_to(ROOT)),
            ]
        )
    added = inject(TS_FILE, wrapped_messages())
    if added:
        print(f"{added} strings added from translate() wrappers (lupdate cannot see them)")
    filled, missing = fill(TS_FILE)
    print(f"{filled} strings translated, {len(missing)} missing or invalid")
    for line in missing:
        print("  missing:", line)
    if missing and not args.allow_missing:
        print("add them to AR in scripts/update_translations.py (or pass --allow-missing)")
        return 1
    run(
        [
            str(BIN / "pyside6-lrelease"),
            str(TS_FILE.relative_to(ROOT)),
            "-qm",
            str(QM_FILE.relative_to(ROOT)),
        ]
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
