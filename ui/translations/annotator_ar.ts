<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ar" sourcelanguage="en">
  <context>
    <name>AgreementPanel</name>
    <message>
      <location filename="../team/agreement_panel.py" line="+51" />
      <source>Agreement</source>
      <translation>الاتفاق</translation>
    </message>
    <message>
      <location line="+3" />
      <source>Documents everyone marked done</source>
      <translation>المستندات التي أنجزها الجميع</translation>
    </message>
    <message>
      <location line="+1" />
      <source>Documents everyone touched</source>
      <translation>المستندات التي عمل عليها الجميع</translation>
    </message>
    <message>
      <location line="+3" />
      <source>Exact F1</source>
      <translation>F1 المطابقة التامة</translation>
    </message>
    <message>
      <location line="+0" />
      <source>Partial F1</source>
      <translation>F1 الجزئي</translation>
    </message>
    <message>
      <location line="+0" />
      <source>Cohen's κ</source>
      <translation>κ كوهين</translation>
    </message>
    <message>
      <location line="+3" />
      <source>Refresh</source>
      <translation>تحديث</translation>
    </message>
    <message>
      <location line="+11" />
      <source>Label</source>
      <translation>الوسم</translation>
    </message>
    <message>
      <location line="+0" />
      <source>α (nominal)</source>
      <translation>α (اسمي)</translation>
    </message>
    <message>
      <location line="+47" />
      <source>{n} documents compared; Krippendorff's α (mean over labels): {a}</source>
      <translation>قورن {n} مستنداً؛ α كريبندورف (متوسط الوسوم): {a}</translation>
    </message>
    <message>
      <location line="+59" />
      <source>{doc} — exact F1 {f}</source>
      <translation>{doc} — F1 المطابقة التامة {f}</translation>
    </message>
    <message>
      <location line="+5" />
      <source>No disagreement between {a} and {b}</source>
      <translation>لا خلاف بين {a} و{b}</translation>
    </message>
    <message>
      <location line="+17" />
      <source>only {who}: {label} {s}–{e} «{text}»</source>
      <translation>عند {who} وحده: {label} {s}–{e} «{text}»</translation>
    </message>
  </context>
  <context>
    <name>AnnotatorDialog</name>
    <message>
      <location filename="../dialogs/annotator_dialog.py" line="+28" />
      <source>Annotator</source>
      <translation>المُعلِّق</translation>
    </message>
    <message>
      <location line="+12" />
      <source>Your name (spans and statuses are saved under it):</source>
      <translation>اسمك (تُحفظ المقاطع والحالات باسمك):</translation>
    </message>
  </context>
  <context>
    <name>AnnotatorMapEdit</name>
    <message>
      <location filename="../dialogs/format_options.py" line="+121" />
      <source>amal=amal@example.org, omar=omar@example.org=7 — or a file of pairs</source>
      <translation>amal=amal@example.org, omar=omar@example.org=7 — أو ملف بالأزواج</translation>
    </message>
    <message>
      <location line="+2" />
      <source>File…</source>
      <translation>ملف…</translation>
    </message>
    <message>
      <location line="+9" />
      <source>Annotator map (one NAME=EMAIL a line)</source>
      <translation>خريطة المُعلِّقين (NAME=EMAIL في كل سطر)</translation>
    </message>
  </context>
  <context>
    <name>CommentsPanel</name>
    <message>
      <location filename="../team/comments_view.py" line="+77" />
      <source>Write a comment (Ctrl+Enter: reply to the selected thread, or comment)</source>
      <translation>اكتب تعليقاً (Ctrl+Enter: ردّ على النقاش المحدد، أو علّق)</translation>
    </message>
    <message>
      <location line="+2" />
      <source>Comment on span</source>
      <translation>علّق على المقطع</translation>
    </message>
    <message>
      <location line="+1" />
      <source>Comment on document</source>
      <translation>علّق على المستند</translation>
    </message>
    <message>
      <location line="+1" />
      <source>Reply</source>
      <translation>ردّ</translation>
    </message>
    <message>
      <location line="+1" />
      <location line="+125" />
      <source>Resolve</source>
      <translation>أغلق النقاش</translation>
    </message>
    <message>
      <location line="-63" />
      <source>Span (threads: {n}): {text}</source>
      <translation>المقطع (النقاشات: {n}): {text}</translation>
    </message>
    <message>
      <location line="+5" />
      <source>Document · threads: {n}</source>
      <translation>المستند · النقاشات: {n}</translation>
    </message>
    <message>
      <location line="+3" />
      <source>Other spans · threads: {n}</source>
      <translation>مقاطع أخرى · النقاشات: {n}</translation>
    </message>
    <message>
      <location line="+23" />
      <source>Enter or double-click: select this span</source>
      <translation>Enter أو نقر مزدوج: حدّد هذا المقطع</translation>
    </message>
    <message>
      <location line="+22" />
      <source>✓ resolved by {name}</source>
      <translation>✓ أغلقه {name}</translation>
    </message>
    <message>
      <location line="+10" />
      <source>Reopen</source>
      <translation>أعد فتح النقاش</translation>
    </message>
    <message>
      <location line="+50" />
      <source>Write the comment first.</source>
      <translation>اكتب التعليق أولاً.</translation>
    </message>
    <message>
      <location line="+3" />
      <source>Select a span in the article first.</source>
      <translation>حدّد مقطعاً في المقال أولاً.</translation>
    </message>
    <message>
      <location line="+8" />
      <source>Choose a comment and write the reply.</source>
      <translation>اختر تعليقاً واكتب الرد.</translation>
    </message>
  </context>
  <context>
    <name>CorpusSearchDialog</name>
    <message>
      <location filename="../corpus_search.py" line="+48" />
      <source>Search the corpus</source>
      <translation>البحث في المدوّنة</translation>
    </message>
    <message>
      <location line="+10" />
      <source>Word or phrase (diacritics and alef forms ignored)</source>
      <translation>كلمة أو عبارة (تُتجاهل الحركات وأشكال الألف)</translation>
    </message>
    <message>
      <location line="+4" />
      <source>max </source>
      <translation>الحد الأقصى </translation>
    </message>
    <message>
      <location line="+1" />
      <source>Search</source>
      <translation>بحث</translation>
    </message>
    <message>
      <location line="+2" />
      <source>Stop</source>
      <translation>إيقاف</translation>
    </message>
    <message>
      <location line="+11" />
      <source>Document</source>
      <translation>المستند</translation>
    </message>
    <message>
      <location line="+0" />
      <source>Title</source>
      <translation>العنوان</translation>
    </message>
    <message>
      <location line="+0" />
      <source>Context</source>
      <translation>السياق</translation>
    </message>
    <message>
      <location line="+10" />
      <source>Open</source>
      <translation>فتح</translation>
    </message>
    <message>
      <location line="+38" />
      <source>Type something to search for.</source>
      <translation>اكتب ما تريد البحث عنه.</translation>
    </message>
    <message>
      <location line="+4" />
      <source>Searching…</source>
      <translation>جارٍ البحث…</translation>
    </message>
    <message>
      <location line="+30" />
      <source>Searching… %1 documents read, %2 matches</source>
      <translation>جارٍ البحث… قُرئ %1 مستند، %2 نتيجة</translation>
    </message>
    <message>
      <location line="+11" />
      <source>characters %1–%2</source>
      <translation>المحارف %1–%2</translation>
    </message>
    <message>
      <location line="+23" />
      <source>%1 matches in %2 documents</source>
      <translation>%1 نتيجة في %2 مستند</translation>
    </message>
    <message>
      <location line="+2" />
      <source>(stopped)</source>
      <translation>(أُوقف)</translation>
    </message>
    <message>
      <location line="+2" />
      <source>(limit reached; more matches not shown)</source>
      <translation>(بلغ الحد الأقصى؛ لم تُعرض نتائج أخرى)</translation>
    </message>
  </context>
  <context>
    <name>CurationView</name>
    <message>
      <location filename="../team/curation_view.py" line="+62" />
      <source>Curation — {curator}</source>
      <translation>التحكيم — {curator}</translation>
    </message>
    <message>
      <location line="+11" />
      <source>Curation status:</source>
      <translation>حالة التحكيم:</translation>
    </message>
    <message>
      <location line="+20" />
      <source>N/P next/previous conflict · 1–9 take that annotator's span · T take · R reject · E edit · Ctrl+Z undo · PgDn/PgUp document</source>
      <translation>N/P الخلاف التالي/السابق · 1–9 اعتماد مقطع ذلك المُعلِّق · T اعتماد · R رفض · E تحرير · Ctrl+Z تراجع · PgDn/PgUp المستند</translation>
    </message>
    <message>
      <location line="+58" />
      <source>Label</source>
      <translation>الوسم</translation>
    </message>
    <message>
      <location line="+0" />
      <source>Text</source>
      <translation>النص</translation>
    </message>
    <message>
      <location line="+0" />
      <source>Gold</source>
      <translation>المرجع</translation>
    </message>
    <message>
      <location line="+77" />
      <source>{name} did not mark this</source>
      <translation>لم يضع {name} هذا الوسم</translation>
    </message>
    <message>
      <location line="+3" />
      <source>already in gold</source>
      <translation>موجود في المرجع</translation>
    </message>
    <message>
      <location line="+29" />
      <source>Edit gold span</source>
      <translation>تحرير مقطع المرجع</translation>
    </message>
    <message>
      <location line="+14" />
      <source>Start</source>
      <translation>البداية</translation>
    </message>
    <message>
      <location line="+1" />
      <source>End</source>
      <translation>النهاية</translation>
    </message>
    <message>
      <location line="+35" />
      <source>No undecided conflict left in this document</source>
      <translation>لم يبقَ خلاف دون قرار في هذا المستند</translation>
    </message>
  </context>
  <context>
    <name>Decisions</name>
    <message>
      <location filename="../team/decisions_model.py" line="+14" />
      <source>taken as is</source>
      <translation>أُخذ كما هو</translation>
    </message>
    <message>
      <location line="+1" />
      <source>taken edited</source>
      <translation>أُخذ معدَّلاً</translation>
    </message>
    <message>
      <location line="+1" />
      <source>rejected</source>
      <translation>مرفوض</translation>
    </message>
    <message>
      <location line="+1" />
      <source>pending</source>
      <translation>قيد الانتظار</translation>
    </message>
  </context>
  <context>
    <name>DecisionsPanel</name>
    <message>
      <location filename="../team/decisions_view.py" line="+36" />
      <source>Span</source>
      <translation>المقطع</translation>
    </message>
    <message>
      <location line="+0" />
      <source>Label</source>
      <translation>الوسم</translation>
    </message>
    <message>
      <location line="+0" />
      <source>Curator</source>
      <translation>المُحكِّم</translation>
    </message>
    <message>
      <location line="+22" />
      <source>No document is open.</source>
      <translation>لا يوجد مستند مفتوح.</translation>
    </message>
    <message>
      <location line="+3" />
      <source>No curator has curated this document yet.</source>
      <translation>لم يحكّم أي مُحكِّم هذا المستند بعد.</translation>
    </message>
    <message>
      <location line="+4" />
      <source>You curate this document: decisions are shown to its annotators.</source>
      <translation>أنت تحكّم هذا المستند: تُعرض القرارات على مُعلِّقيه.</translation>
    </message>
    <message>
      <location line="+6" />
      <source>Curator {name}: no decision to show yet (they are shown on documents you marked done).</source>
      <translation>المُحكِّم {name}: لا قرارات لعرضها بعد (تُعرض في المستندات التي أنهيتها).</translation>
    </message>
    <message>
      <location line="+27" />
      <source>Curator {name} (curation {status}): {parts}</source>
      <translation>المُحكِّم {name} (التحكيم: {status}): {parts}</translation>
    </message>
  </context>
  <context>
    <name>DocumentLabels</name>
    <message>
      <location filename="../doclabels.py" line="+71" />
      <source>Status</source>
      <translation>الحالة</translation>
    </message>
  </context>
  <context>
    <name>ExportDialog</name>
    <message>
      <location filename="../dialogs/export_dialog.py" line="+49" />
      <location line="+72" />
      <location line="+122" />
      <location line="+9" />
      <location line="+5" />
      <location line="+10" />
      <location line="+18" />
      <location line="+52" />
      <source>Export</source>
      <translation>تصدير</translation>
    </message>
    <message>
      <location line="-272" />
      <source>Browse…</source>
      <translation>استعراض…</translation>
    </message>
    <message>
      <location line="+7" />
      <source>All annotators</source>
      <translation>كل المُعلِّقين</translation>
    </message>
    <message>
      <location line="+11" />
      <source>Any status</source>
      <translation>أي حالة</translation>
    </message>
    <message>
      <location line="+2" />
      <source>To do</source>
      <translation>للإنجاز</translation>
    </message>
    <message>
      <location line="+1" />
      <source>In progress</source>
      <translation>قيد العمل</translation>
    </message>
    <message>
      <location line="+1" />
      <source>Done</source>
      <translation>منجز</translation>
    </message>
    <message>
      <location line="+1" />
      <source>Skipped</source>
      <translation>متجاوَز</translation>
    </message>
    <message>
      <location line="+6" />
      <source>All label sets</source>
      <translation>كل مجموعات الوسوم</translation>
    </message>
    <message>
      <location line="+4" />
      <source>Include documents nobody labelled</source>
      <translation>تضمين المستندات التي لم يوسمها أحد</translation>
    </message>
    <message>
      <location line="+10" />
      <source>Format:</source>
      <translation>الصيغة:</translation>
    </message>
    <message>
      <location line="+1" />
      <source>Save to:</source>
      <translation>الحفظ في:</translation>
    </message>
    <message>
      <location line="+1" />
      <source>Annotator:</source>
      <translation>المُعلِّق:</translation>
    </message>
    <message>
      <location line="+1" />
      <source>Status:</source>
      <translation>الحالة:</translation>
    </message>
    <message>
      <location line="+1" />
      <source>Label set:</source>
      <translation>مجموعة الوسوم:</translation>
    </message>
    <message>
      <location line="+3" />
      <source>Span offsets:</source>
      <translation>مواضع المقاطع:</translation>
    </message>
    <message>
      <location line="+79" />
      <source>A folder (one file per article)</source>
      <translation>مجلد (ملف لكل مقال)</translation>
    </message>
    <message>
      <location line="+0" />
      <source>A file</source>
      <translation>ملف</translation>
    </message>
    <message>
      <location line="+6" />
      <source>Export into folder</source>
      <translation>التصدير إلى مجلد</translation>
    </message>
    <message>
      <location line="+7" />
      <source>Export to file</source>
      <translation>التصدير إلى ملف</translation>
    </message>
    <message>
      <location line="+2" />
      <source>All files (*)</source>
      <translation>كل الملفات (*)</translation>
    </message>
    <message>
      <location line="+35" />
      <source>%1 is a folder; choose a file name.</source>
      <translation>%1 مجلد؛ اختر اسم ملف.</translation>
    </message>
    <message>
      <location line="+14" />
      <source>%1 exists. Replace it?</source>
      <translation>%1 موجود. هل تريد استبداله؟</translation>
    </message>
    <message>
      <location line="+50" />
      <source>Export cancelled: no file was written.</source>
      <translation>أُلغي التصدير: لم يُكتب أي ملف.</translation>
    </message>
    <message>
      <location line="+3" />
      <source>The export failed: %1</source>
      <translation>فشل التصدير: %1</translation>
    </message>
    <message>
      <location line="-26" />
      <source>Exporting…</source>
      <translation>جارٍ التصدير…</translation>
    </message>
    <message>
      <location line="+0" />
      <source>Cancel</source>
      <translation>إلغاء</translation>
    </message>
    <message>
      <location line="+15" />
      <source>Exported %1 records with %2 spans to %3.</source>
      <translation>صُدِّر %1 سجلًا فيها %2 مقطعًا إلى %3.</translation>
    </message>
    <message>
      <location line="-184" />
      <source>Label Studio users:</source>
      <translation>مستخدمو Label Studio:</translation>
    </message>
    <message>
      <location line="+65" />
      <source>%1 holds one annotator's labels: choose an annotator (export each annotator to a file of its own).</source>
      <translation>تحمل صيغة %1 وسوم مُعلِّق واحد: اختر مُعلِّقاً (صدّر كل مُعلِّق إلى ملف خاص به).</translation>
    </message>
  </context>
  <context>
    <name>FieldMapGroup</name>
    <message>
      <location filename="../dialogs/format_options.py" line="+17" />
      <source>JSON fields (dotted paths reach into nested objects)</source>
      <translation>حقول JSON (المسارات المنقوطة تصل إلى الكائنات المتداخلة)</translation>
    </message>
    <message>
      <location line="+4" />
      <source>Text:</source>
      <translation>النص:</translation>
    </message>
    <message>
      <location line="+1" />
      <source>Id:</source>
      <translation>المعرّف:</translation>
    </message>
    <message>
      <location line="+1" />
      <source>Spans list:</source>
      <translation>قائمة المقاطع:</translation>
    </message>
    <message>
      <location line="+1" />
      <source>Span label:</source>
      <translation>وسم المقطع:</translation>
    </message>
    <message>
      <location line="+1" />
      <source>Span start:</source>
      <translation>بداية المقطع:</translation>
    </message>
    <message>
      <location line="+1" />
      <source>Span end:</source>
      <translation>نهاية المقطع:</translation>
    </message>
    <message>
      <location line="+1" />
      <source>Span text:</source>
      <translation>نص المقطع:</translation>
    </message>
    <message>
      <location line="+1" />
      <source>Source (outlet):</source>
      <translation>المصدر (المنفذ الإعلامي):</translation>
    </message>
    <message>
      <location line="+1" />
      <source>Title:</source>
      <translation>العنوان:</translation>
    </message>
    <message>
      <location line="+8" />
      <source>none</source>
      <translation>لا يوجد</translation>
    </message>
  </context>
  <context>
    <name>ImportDialog</name>
    <message>
      <location filename="../dialogs/import_dialog.py" line="+63" />
      <location line="+83" />
      <location line="+123" />
      <location line="+9" />
      <location line="+23" />
      <location line="+83" />
      <source>Import</source>
      <translation>استيراد</translation>
    </message>
    <message>
      <location line="-301" />
      <source>A file, or a folder of files</source>
      <translation>ملف، أو مجلد ملفات</translation>
    </message>
    <message>
      <location line="+1" />
      <source>File…</source>
      <translation>ملف…</translation>
    </message>
    <message>
      <location line="+1" />
      <source>Folder…</source>
      <translation>مجلد…</translation>
    </message>
    <message>
      <location line="+9" />
      <source>Detect automatically</source>
      <translation>اكتشاف تلقائي</translation>
    </message>
    <message>
      <location line="+7" />
      <source>As named in the file (else the default)</source>
      <translation>كما هو مسمّى في الملف (وإلا فالافتراضية)</translation>
    </message>
    <message>
      <location line="+9" />
      <source>As named in the file (else “imported”)</source>
      <translation>كما هو مسمّى في الملف (وإلا «imported»)</translation>
    </message>
    <message>
      <location line="+3" />
      <source>Skip invalid records and spans (keep the rest)</source>
      <translation>تخطّي السجلات والمقاطع غير الصالحة (والاحتفاظ بالباقي)</translation>
    </message>
    <message>
      <location line="+2" />
      <source>Update documents already imported</source>
      <translation>تحديث المستندات المستوردة سابقًا</translation>
    </message>
    <message>
      <location line="+2" />
      <source>Strict: refuse misaligned spans instead of realigning</source>
      <translation>صارم: رفض المقاطع غير المتطابقة بدل إعادة محاذاتها</translation>
    </message>
    <message>
      <location line="+7" />
      <source>CSV columns</source>
      <translation>أعمدة CSV</translation>
    </message>
    <message>
      <location line="+3" />
      <location line="+2" />
      <source>none</source>
      <translation>لا يوجد</translation>
    </message>
    <message>
      <location line="+2" />
      <source>Text column:</source>
      <translation>عمود النص:</translation>
    </message>
    <message>
      <location line="+1" />
      <source>Id column:</source>
      <translation>عمود المعرّف:</translation>
    </message>
    <message>
      <location line="+1" />
      <source>Title column:</source>
      <translation>عمود العنوان:</translation>
    </message>
    <message>
      <location line="+3" />
      <source>Source:</source>
      <translation>المصدر:</translation>
    </message>
    <message>
      <location line="+1" />
      <source>Format:</source>
      <translation>الصيغة:</translation>
    </message>
    <message>
      <location line="+1" />
      <source>Label set:</source>
      <translation>مجموعة الوسوم:</translation>
    </message>
    <message>
      <location line="+1" />
      <source>Annotator:</source>
      <translation>المُعلِّق:</translation>
    </message>
    <message>
      <location line="+1" />
      <source>Span offsets:</source>
      <translation>مواضع المقاطع:</translation>
    </message>
    <message>
      <location line="+81" />
      <source>Choose a file to import</source>
      <translation>اختر ملفًا لاستيراده</translation>
    </message>
    <message>
      <location line="+2" />
      <source>Data files (*.jsonl *.json *.csv *.tsv *.txt *.labels);;All files (*)</source>
      <translation>ملفات البيانات (*.jsonl *.json *.csv *.tsv *.txt *.labels);;كل الملفات (*)</translation>
    </message>
    <message>
      <location line="+7" />
      <source>Choose a folder to import</source>
      <translation>اختر مجلدًا لاستيراده</translation>
    </message>
    <message>
      <location line="+40" />
      <source>No such file or folder: %1</source>
      <translation>لا يوجد ملف أو مجلد بهذا الاسم: %1</translation>
    </message>
    <message>
      <location line="+30" />
      <source>Importing %1…</source>
      <translation>جارٍ استيراد %1…</translation>
    </message>
    <message>
      <location line="+2" />
      <source>Cancel</source>
      <translation>إلغاء</translation>
    </message>
    <message>
      <location line="+8" />
      <source>Cancelling; undoing the import…</source>
      <translation>جارٍ الإلغاء والتراجع عن الاستيراد…</translation>
    </message>
    <message>
      <location line="+8" />
      <source>Importing: %1 records read</source>
      <translation>جارٍ الاستيراد: قُرئ %1 سجل</translation>
    </message>
    <message>
      <location line="+8" />
      <source>Import finished.</source>
      <translation>اكتمل الاستيراد.</translation>
    </message>
    <message>
      <location line="+5" />
      <source>The import was refused: nothing was imported.</source>
      <translation>رُفض الاستيراد: لم يُستورد شيء.</translation>
    </message>
    <message>
      <location line="+4" />
      <source>Import cancelled: nothing was imported.</source>
      <translation>أُلغي الاستيراد: لم يُستورد شيء.</translation>
    </message>
    <message>
      <location line="+4" />
      <source>The import failed: nothing was imported.</source>
      <translation>فشل الاستيراد: لم يُستورد شيء.</translation>
    </message>
    <message>
      <location line="+10" />
      <source>Import summary</source>
      <translation>ملخّص الاستيراد</translation>
    </message>
    <message>
      <location line="-208" />
      <source>Label Studio users:</source>
      <translation>مستخدمو Label Studio:</translation>
    </message>
    <message>
      <source>File</source>
      <translation>الملف</translation>
    </message>
    <message>
      <source>Kind</source>
      <translation>النوع</translation>
    </message>
    <message>
      <source>Label</source>
      <translation>الوسم</translation>
    </message>
    <message>
      <source>Line</source>
      <translation>السطر</translation>
    </message>
    <message>
      <source>New offsets</source>
      <translation>المواضع الجديدة</translation>
    </message>
    <message>
      <source>Old offsets</source>
      <translation>المواضع القديمة</translation>
    </message>
    <message>
      <source>Record id</source>
      <translation>معرّف السجل</translation>
    </message>
    <message>
      <source>Rule or reason</source>
      <translation>القاعدة أو السبب</translation>
    </message>
    <message>
      <source>realigned</source>
      <translation>أُعيدت محاذاته</translation>
    </message>
    <message>
      <source>refused</source>
      <translation>مرفوض</translation>
    </message>
    <message>
      <source>warning</source>
      <translation>تحذير</translation>
    </message>
    <message>
      <source>would realign (not applied)</source>
      <translation>سيُعاد ضبطه (لم يُطبَّق)</translation>
    </message>
    <message>
      <source>… and %1 more</source>
      <translation>… و%1 غيرها</translation>
    </message>
  </context>
  <context>
    <name>LabelAllDialog</name>
    <message>
      <location filename="../dialogs/label_all_dialog.py" line="+54" />
      <source>Label all occurrences</source>
      <translation>وسم كل المواضع</translation>
    </message>
    <message>
      <location line="+10" />
      <source>Label every occurrence of “{0}” (diacritics, tatweel and spelling variants included):</source>
      <translation>وسم كل مواضع «{0}» (مع التشكيل والتطويل واختلاف الإملاء):</translation>
    </message>
    <message>
      <location line="+13" />
      <source>In this article</source>
      <translation>في هذا المقال</translation>
    </message>
    <message>
      <location line="+1" />
      <source>In the whole corpus</source>
      <translation>في المدوّنة كلها</translation>
    </message>
    <message>
      <location line="+3" />
      <source>Label:</source>
      <translation>الوسم:</translation>
    </message>
    <message>
      <location line="+1" />
      <source>Where:</source>
      <translation>أين:</translation>
    </message>
    <message>
      <location line="+6" />
      <source>Document</source>
      <translation>المستند</translation>
    </message>
    <message>
      <location line="+0" />
      <source>Context</source>
      <translation>السياق</translation>
    </message>
    <message>
      <location line="+68" />
      <source>rejected before</source>
      <translation>رُفض سابقًا</translation>
    </message>
    <message>
      <location line="+2" />
      <source>done</source>
      <translation>مُنجز</translation>
    </message>
    <message>
      <location line="+38" />
      <source>No new occurrence: every one is already labelled so.</source>
      <translation>لا مواضع جديدة: كلها موسومة بهذا الوسم.</translation>
    </message>
    <message>
      <location line="+2" />
      <source>{0} of {1} occurrence(s) in {2} document(s) will be labelled.</source>
      <translation>سيُوسم {0} من {1} موضعًا في {2} مستند.</translation>
    </message>
    <message>
      <location line="+5" />
      <source>{0} of them already marked done will change.</source>
      <translation>سيتغير {0} منها مُعلَّم كمُنجز.</translation>
    </message>
    <message>
      <location line="+3" />
      <source>{0} rejected before are unticked.</source>
      <translation>أُلغي تحديد {0} رُفضت سابقًا.</translation>
    </message>
    <message>
      <location line="+3" />
      <source>{0} more are not listed.</source>
      <translation>و{0} غيرها غير معروضة.</translation>
    </message>
  </context>
  <context>
    <name>LabelHelpDialog</name>
    <message>
      <location filename="../dialogs/label_help.py" line="+279" />
      <source>Label help: %1</source>
      <translation>شرح الوسم: %1</translation>
    </message>
    <message>
      <location line="+5" />
      <source>Unknown label: %1</source>
      <translation>وسم غير معروف: %1</translation>
    </message>
  </context>
  <context>
    <name>LabelPalette</name>
    <message>
      <location filename="../palette.py" line="+64" />
      <source>Show the definition of the highlighted label (F1)</source>
      <translation>عرض تعريف الوسم المحدد (F1)</translation>
    </message>
  </context>
  <context>
    <name>MainWindow</name>
    <message>
      <location filename="../mainwindow.py" line="+118" />
      <source>Annotator — {0} — {1}</source>
      <translation>المُعلِّق — {0} — {1}</translation>
    </message>
    <message>
      <location line="+31" />
      <source>Documents</source>
      <translation>المستندات</translation>
    </message>
    <message>
      <location line="+2" />
      <source>Labels</source>
      <translation>الوسوم</translation>
    </message>
    <message>
      <location line="+2" />
      <source>Document</source>
      <translation>المستند</translation>
    </message>
    <message>
      <location line="+3" />
      <source>Spans</source>
      <translation>المقاطع</translation>
    </message>
    <message>
      <location line="+9" />
      <source>&amp;Language</source>
      <translation>الل&amp;غة</translation>
    </message>
    <message>
      <location line="+74" />
      <source>Not available</source>
      <translation>غير متاح</translation>
    </message>
    <message>
      <location line="+1" />
      <source>This feature is not available in this build:
{0}</source>
      <translation>هذه الميزة غير متاحة في هذا الإصدار:
{0}</translation>
    </message>
    <message>
      <location line="-38" />
      <source>Suggestion selected: A to accept, R to reject.</source>
      <translation>اقتراح محدد: A للقبول، R للرفض.</translation>
    </message>
    <message>
      <location line="+77" />
      <source>Language</source>
      <translation>اللغة</translation>
    </message>
    <message>
      <location line="+1" />
      <source>The interface language changes the next time the app starts.</source>
      <translation>تتغير لغة الواجهة عند تشغيل التطبيق في المرة القادمة.</translation>
    </message>
    <message>
      <source>&amp;Accept selected suggestion	A</source>
      <translation>&amp;قبول الاقتراح المحدد	A</translation>
    </message>
    <message>
      <source>&amp;Add label set from YAML file…</source>
      <translation>إ&amp;ضافة مجموعة وسوم من ملف YAML…</translation>
    </message>
    <message>
      <source>&amp;Agreement…</source>
      <translation>&amp;الاتفاق…</translation>
    </message>
    <message>
      <source>&amp;Curation…</source>
      <translation>&amp;التحكيم…</translation>
    </message>
    <message>
      <source>&amp;Delete span</source>
      <translation>&amp;حذف المقطع</translation>
    </message>
    <message>
      <source>&amp;Edit</source>
      <translation>&amp;تحرير</translation>
    </message>
    <message>
      <source>&amp;Edit span…</source>
      <translation>تحري&amp;ر المقطع…</translation>
    </message>
    <message>
      <source>&amp;Exact selection (no word snapping)</source>
      <translation>تحديد &amp;دقيق (دون الالتصاق بحدود الكلمات)</translation>
    </message>
    <message>
      <source>&amp;Export…</source>
      <translation>&amp;تصدير…</translation>
    </message>
    <message>
      <source>&amp;File</source>
      <translation>&amp;ملف</translation>
    </message>
    <message>
      <source>&amp;Find in article…</source>
      <translation>ال&amp;بحث في المقال…</translation>
    </message>
    <message>
      <source>&amp;Go</source>
      <translation>&amp;انتقال</translation>
    </message>
    <message>
      <source>&amp;Help</source>
      <translation>م&amp;ساعدة</translation>
    </message>
    <message>
      <source>&amp;Import…</source>
      <translation>ا&amp;ستيراد…</translation>
    </message>
    <message>
      <source>&amp;Keyboard shortcuts</source>
      <translation>اختصارات لوحة الم&amp;فاتيح</translation>
    </message>
    <message>
      <source>&amp;Label all occurrences…</source>
      <translation>&amp;وسم كل المواضع…</translation>
    </message>
    <message>
      <source>&amp;Label help</source>
      <translation>&amp;شرح الوسم</translation>
    </message>
    <message>
      <source>&amp;New database…</source>
      <translation>قاعدة بيانات &amp;جديدة…</translation>
    </message>
    <message>
      <source>&amp;Next document</source>
      <translation>المستند ال&amp;تالي</translation>
    </message>
    <message>
      <source>&amp;Open database…</source>
      <translation>&amp;فتح قاعدة بيانات…</translation>
    </message>
    <message>
      <source>&amp;Previous document</source>
      <translation>المستند ال&amp;سابق</translation>
    </message>
    <message>
      <source>&amp;Quit</source>
      <translation>&amp;خروج</translation>
    </message>
    <message>
      <source>&amp;Redo</source>
      <translation>إ&amp;عادة</translation>
    </message>
    <message>
      <source>&amp;Reject selected suggestion	R</source>
      <translation>&amp;رفض الاقتراح المحدد	R</translation>
    </message>
    <message>
      <source>&amp;Reset zoom</source>
      <translation>إعادة ضبط ال&amp;تكبير</translation>
    </message>
    <message>
      <source>&amp;Suggest from lexicon for this article</source>
      <translation>ا&amp;قتراحات المعجم لهذا المقال</translation>
    </message>
    <message>
      <source>&amp;Team</source>
      <translation>&amp;الفريق</translation>
    </message>
    <message>
      <source>&amp;Undo</source>
      <translation>ت&amp;راجع</translation>
    </message>
    <message>
      <source>&amp;View</source>
      <translation>&amp;عرض</translation>
    </message>
    <message>
      <source>Accept / reject suggestion</source>
      <translation>قبول / رفض الاقتراح</translation>
    </message>
    <message>
      <source>Accept all in this &amp;article</source>
      <translation>قبول الكل في هذا ال&amp;مقال</translation>
    </message>
    <message>
      <source>Accept all in this article</source>
      <translation>قبول الكل في هذا المقال</translation>
    </message>
    <message>
      <source>Accept in the whole corpus</source>
      <translation>القبول في المدوّنة كلها</translation>
    </message>
    <message>
      <source>Accept this &amp;term in the whole corpus…</source>
      <translation>قبول هذا ال&amp;مصطلح في المدوّنة كلها…</translation>
    </message>
    <message>
      <source>Accept {0} suggestion(s) in this article as spans?</source>
      <translation>قبول {0} اقتراح/اقتراحات في هذا المقال كمقاطع؟</translation>
    </message>
    <message>
      <source>Accept {0} suggestion(s) of “{1}” as {2} in {3} document(s)?</source>
      <translation>هل تقبل {0} اقتراحًا لـ«{1}» بوسم {2} في {3} مستند؟</translation>
    </message>
    <message>
      <source>Accept “{0}” in corpus</source>
      <translation>قبول «{0}» في المدوّنة</translation>
    </message>
    <message>
      <source>Add a label set</source>
      <translation>إضافة مجموعة وسوم</translation>
    </message>
    <message>
      <source>Annotation databases (*.db *.sqlite);;All files (*)</source>
      <translation>قواعد بيانات التعليقات (*.db *.sqlite);;كل الملفات (*)</translation>
    </message>
    <message>
      <source>Annotation databases (*.db)</source>
      <translation>قواعد بيانات التعليقات (*.db)</translation>
    </message>
    <message>
      <source>Back to the first document not done; {0} remain.</source>
      <translation>عودة إلى أول مستند غير مُنجز؛ يتبقى {0}.</translation>
    </message>
    <message>
      <source>C&amp;omments</source>
      <translation>الت&amp;عليقات</translation>
    </message>
    <message>
      <source>Cannot open database</source>
      <translation>تعذّر فتح قاعدة البيانات</translation>
    </message>
    <message>
      <source>Change &amp;annotator…</source>
      <translation>تغيير ال&amp;مُعلِّق…</translation>
    </message>
    <message>
      <source>Comments</source>
      <translation>التعليقات</translation>
    </message>
    <message>
      <source>Comments: {n}</source>
      <translation>التعليقات: {n}</translation>
    </message>
    <message>
      <source>Curation is for a curator: {name} is an annotator (annotator adjudicate --curator NAME makes one).</source>
      <translation>التحكيم للمُحكِّم: {name} مُعلِّق (الأمر annotator adjudicate --curator NAME يعيّن مُحكِّماً).</translation>
    </message>
    <message>
      <source>Curator's &amp;decisions</source>
      <translation>&amp;قرارات المُحكِّم</translation>
    </message>
    <message>
      <source>Curator's decisions</source>
      <translation>قرارات المُحكِّم</translation>
    </message>
    <message>
      <source>Curator: {decision}</source>
      <translation>المُحكِّم: {decision}</translation>
    </message>
    <message>
      <source>Cycle through spans</source>
      <translation>التنقل بين المقاطع</translation>
    </message>
    <message>
      <source>Delete span</source>
      <translation>حذف المقطع</translation>
    </message>
    <message>
      <source>Edit span</source>
      <translation>تحرير المقطع</translation>
    </message>
    <message>
      <source>Every document is done.</source>
      <translation>كل المستندات مُنجزة.</translation>
    </message>
    <message>
      <source>Find in &amp;corpus…</source>
      <translation>البحث في الم&amp;دوّنة…</translation>
    </message>
    <message>
      <source>Find in article / corpus</source>
      <translation>البحث في المقال / المدوّنة</translation>
    </message>
    <message>
      <source>Find ne&amp;xt</source>
      <translation>النتيجة ال&amp;تالية</translation>
    </message>
    <message>
      <source>Find pre&amp;vious</source>
      <translation>النتيجة ال&amp;سابقة</translation>
    </message>
    <message>
      <source>Keyboard shortcuts</source>
      <translation>اختصارات لوحة المفاتيح</translation>
    </message>
    <message>
      <source>Label &amp;set</source>
      <translation>م&amp;جموعة الوسوم</translation>
    </message>
    <message>
      <source>Label all occurrences (with a preview)</source>
      <translation>وسم كل المواضع (مع معاينة)</translation>
    </message>
    <message>
      <source>Label help</source>
      <translation>شرح الوسم</translation>
    </message>
    <message>
      <source>Label set</source>
      <translation>مجموعة الوسوم</translation>
    </message>
    <message>
      <source>Label set not added</source>
      <translation>لم تُضف مجموعة الوسوم</translation>
    </message>
    <message>
      <source>Label set {0} added.</source>
      <translation>أُضيفت مجموعة الوسوم {0}.</translation>
    </message>
    <message>
      <source>Label set {0} is already in this database, unchanged.</source>
      <translation>مجموعة الوسوم {0} موجودة في قاعدة البيانات هذه دون تغيير.</translation>
    </message>
    <message>
      <source>Label set {0} updated (same version, same labels).</source>
      <translation>حُدِّثت مجموعة الوسوم {0} (الإصدار نفسه والوسوم نفسها).</translation>
    </message>
    <message>
      <source>Label sets (*.yaml *.yml)</source>
      <translation>مجموعات الوسوم (*.yaml *.yml)</translation>
    </message>
    <message>
      <source>Label the selection / relabel the selected span</source>
      <translation>وسم التحديد / إعادة وسم المقطع المحدد</translation>
    </message>
    <message>
      <source>Labelled as {0}.</source>
      <translation>وُسم بـ {0}.</translation>
    </message>
    <message>
      <source>Mark &amp;done and next</source>
      <translation>تعليم كـ&amp;منجز والانتقال للتالي</translation>
    </message>
    <message>
      <source>Mark &amp;skipped and next</source>
      <translation>تعليم كـم&amp;تجاوَز والانتقال للتالي</translation>
    </message>
    <message>
      <source>Mark done and go to the next</source>
      <translation>تعليم كمنجز والانتقال إلى التالي</translation>
    </message>
    <message>
      <source>Move span start / end</source>
      <translation>تحريك بداية المقطع / نهايته</translation>
    </message>
    <message>
      <source>My &amp;queue…</source>
      <translation>&amp;قائمتي…</translation>
    </message>
    <message>
      <source>New database</source>
      <translation>قاعدة بيانات جديدة</translation>
    </message>
    <message>
      <source>Next / previous document</source>
      <translation>المستند التالي / السابق</translation>
    </message>
    <message>
      <source>Next / previous find hit (Enter: go to it)</source>
      <translation>نتيجة البحث التالية / السابقة (Enter: الانتقال إليها)</translation>
    </message>
    <message>
      <source>No document</source>
      <translation>لا يوجد مستند</translation>
    </message>
    <message>
      <source>No document has two annotators done yet.</source>
      <translation>لا يوجد بعد مستند أنجزه مُعلِّقان.</translation>
    </message>
    <message>
      <source>No document is open.</source>
      <translation>لا يوجد مستند مفتوح.</translation>
    </message>
    <message>
      <source>No label has the key “{0}”.</source>
      <translation>لا يوجد وسم مفتاحه «{0}».</translation>
    </message>
    <message>
      <source>No new occurrence of “{0}”.</source>
      <translation>لا توجد مواضع جديدة لـ«{0}».</translation>
    </message>
    <message>
      <source>No pending suggestion in this article.</source>
      <translation>لا توجد اقتراحات معلّقة في هذا المقال.</translation>
    </message>
    <message>
      <source>No span is selected.</source>
      <translation>لا يوجد مقطع محدد.</translation>
    </message>
    <message>
      <source>No suggestion is selected.</source>
      <translation>لا يوجد اقتراح محدد.</translation>
    </message>
    <message>
      <source>Open database</source>
      <translation>فتح قاعدة بيانات</translation>
    </message>
    <message>
      <source>S&amp;tatistics…</source>
      <translation>الإ&amp;حصاءات…</translation>
    </message>
    <message>
      <source>S&amp;uggestions</source>
      <translation>ا&amp;قتراحات</translation>
    </message>
    <message>
      <source>Select a suggestion first.</source>
      <translation>حدّد اقتراحًا أولًا.</translation>
    </message>
    <message>
      <source>Select a word or a span first.</source>
      <translation>حدّد كلمة أو مقطعًا أولًا.</translation>
    </message>
    <message>
      <source>Show only &amp;my spans</source>
      <translation>عرض مقاطعي &amp;فقط</translation>
    </message>
    <message>
      <source>Suggest a&amp;utomatically when an article opens</source>
      <translation>اقترح تل&amp;قائياً عند فتح مقال</translation>
    </message>
    <message>
      <source>Suggest from the lexicon in this article</source>
      <translation>اقترح من المعجم في هذا المقال</translation>
    </message>
    <message>
      <source>Suggestion accepted as {0}.</source>
      <translation>قُبل الاقتراح بوسم {0}.</translation>
    </message>
    <message>
      <source>Suggestion rejected.</source>
      <translation>رُفض الاقتراح.</translation>
    </message>
    <message>
      <source>Suggestion: {0} (A accept, R reject)</source>
      <translation>اقتراح: {0} (A للقبول، R للرفض)</translation>
    </message>
    <message>
      <source>Suggestions failed: {0}</source>
      <translation>فشلت الاقتراحات: {0}</translation>
    </message>
    <message>
      <source>That span is not shown: turn off View ▸ Show only my spans to see it.</source>
      <translation>هذا المقطع غير معروض: ألغِ عرض ▸ عرض مقاطعي فقط لتراه.</translation>
    </message>
    <message>
      <source>That span no longer exists.</source>
      <translation>لم يعد هذا المقطع موجودًا.</translation>
    </message>
    <message>
      <source>The file could not be used:</source>
      <translation>تعذّر استخدام الملف:</translation>
    </message>
    <message>
      <source>The file has {0} problem(s):</source>
      <translation>في الملف {0} مشكلة:</translation>
    </message>
    <message>
      <source>This is the first document.</source>
      <translation>هذا أول مستند.</translation>
    </message>
    <message>
      <source>This is the last document.</source>
      <translation>هذا آخر مستند.</translation>
    </message>
    <message>
      <source>This suggestion has no lexicon term.</source>
      <translation>هذا الاقتراح ليس له مصطلح في المعجم.</translation>
    </message>
    <message>
      <source>Undo / redo</source>
      <translation>تراجع / إعادة</translation>
    </message>
    <message>
      <source>Zoom</source>
      <translation>التكبير</translation>
    </message>
    <message>
      <source>Zoom &amp;in</source>
      <translation>ت&amp;كبير</translation>
    </message>
    <message>
      <source>Zoom &amp;out</source>
      <translation>ت&amp;صغير</translation>
    </message>
    <message>
      <source>the label's key (1, 2, …)</source>
      <translation>مفتاح الوسم (1، 2، …)</translation>
    </message>
    <message>
      <source>{0} document(s) not done remain.</source>
      <translation>يتبقى {0} مستند/مستندات غير مُنجزة.</translation>
    </message>
    <message>
      <source>{0} new suggestion(s); {1} to review in this article.</source>
      <translation>{0} اقتراح جديد؛ {1} للمراجعة في هذا المقال.</translation>
    </message>
    <message>
      <source>{0} occurrence(s) labelled.</source>
      <translation>وُسم {0} موضعًا.</translation>
    </message>
    <message>
      <source>{0} suggestion(s) accepted; {1} span(s) created.</source>
      <translation>قُبل {0} اقتراح/اقتراحات؛ أُنشئ {1} مقطع/مقاطع.</translation>
    </message>
    <message>
      <source>{0} — by {1}</source>
      <translation>{0} — بواسطة {1}</translation>
    </message>
    <message>
      <source>“Label all” works on a word or phrase of at most {0} words within one paragraph.</source>
      <translation>«وسم كل المواضع» يعمل على كلمة أو عبارة من {0} كلمة على الأكثر داخل فقرة واحدة.</translation>
    </message>
    <message>
      <source>“{0}” could not be opened:
{1}</source>
      <translation>تعذّر فتح «{0}»:
{1}</translation>
    </message>
  </context>
  <context>
    <name>NavigatorWidget</name>
    <message>
      <location filename="../navigator.py" line="+41" />
      <source>All documents</source>
      <translation>كل المستندات</translation>
    </message>
    <message>
      <location line="+6" />
      <source>Show only the documents of one source (outlet)</source>
      <translation>عرض مستندات مصدر واحد فقط (وسيلة إعلامية)</translation>
    </message>
    <message>
      <location line="+60" />
      <source>All sources</source>
      <translation>كل المصادر</translation>
    </message>
    <message>
      <location line="+2" />
      <source>(no source)</source>
      <translation>(بلا مصدر)</translation>
    </message>
  </context>
  <context>
    <name>OffsetsCombo</name>
    <message>
      <location filename="../dialogs/format_options.py" line="-61" />
      <source>As the format's own tool counts them</source>
      <translation>كما تعدّها أداة الصيغة نفسها</translation>
    </message>
    <message>
      <location line="+1" />
      <source>Code points (Python)</source>
      <translation>نقاط الترميز (Python)</translation>
    </message>
    <message>
      <location line="+1" />
      <source>UTF-16 code units (JavaScript tools, doccano)</source>
      <translation>وحدات UTF-16 (أدوات JavaScript، doccano)</translation>
    </message>
    <message>
      <location line="+1" />
      <source>Grapheme clusters (doccano's grapheme option)</source>
      <translation>عناقيد المحارف (خيار doccano للمحارف)</translation>
    </message>
  </context>
  <context>
    <name>QueuePanel</name>
    <message>
      <location filename="../team/queue_panel.py" line="+18" />
      <source>My queue — {name}</source>
      <translation>قائمتي — {name}</translation>
    </message>
    <message>
      <location line="+18" />
      <source>{n} documents assigned and not done</source>
      <translation>{n} مستندات مسندة لم تُنجز</translation>
    </message>
  </context>
  <context>
    <name>SearchBar</name>
    <message>
      <location filename="../search.py" line="+53" />
      <source>Search in article</source>
      <translation>البحث في المقال</translation>
    </message>
    <message>
      <location line="+4" />
      <source>Previous</source>
      <translation>السابق</translation>
    </message>
    <message>
      <location line="+1" />
      <source>Previous match (Shift+Enter, Shift+F3)</source>
      <translation>النتيجة السابقة (Shift+Enter، Shift+F3)</translation>
    </message>
    <message>
      <location line="+2" />
      <source>Next</source>
      <translation>التالي</translation>
    </message>
    <message>
      <location line="+1" />
      <source>Next match (Enter, F3)</source>
      <translation>النتيجة التالية (Enter، F3)</translation>
    </message>
    <message>
      <location line="+4" />
      <source>Close search (Escape)</source>
      <translation>إغلاق البحث (Escape)</translation>
    </message>
    <message>
      <location line="+115" />
      <source>No matches</source>
      <translation>لا نتائج</translation>
    </message>
    <message>
      <location line="+3" />
      <source>%1 of %2</source>
      <translation>%1 من %2</translation>
    </message>
  </context>
  <context>
    <name>SpanEditorDialog</name>
    <message>
      <location filename="../dialogs/span_editor.py" line="+47" />
      <source>Edit span</source>
      <translation>تحرير المقطع</translation>
    </message>
    <message>
      <location line="+22" />
      <source>Text:</source>
      <translation>النص:</translation>
    </message>
    <message>
      <location line="+1" />
      <source>Label:</source>
      <translation>الوسم:</translation>
    </message>
    <message>
      <location line="+1" />
      <source>Characters:</source>
      <translation>المحارف:</translation>
    </message>
    <message>
      <location line="+15" />
      <source>Note:</source>
      <translation>ملاحظة:</translation>
    </message>
  </context>
  <context>
    <name>SpanTableModel</name>
    <message>
      <location filename="../span_table.py" line="+89" />
      <source>Label</source>
      <translation>الوسم</translation>
    </message>
    <message>
      <location line="+0" />
      <source>Text</source>
      <translation>النص</translation>
    </message>
    <message>
      <location line="+0" />
      <source>Annotator</source>
      <translation>المُعلِّق</translation>
    </message>
    <message>
      <location line="+0" />
      <source>Place</source>
      <translation>الموضع</translation>
    </message>
  </context>
  <context>
    <name>SpansPanel</name>
    <message>
      <location filename="../spanlist.py" line="+139" />
      <source>Filter by label, annotator or text</source>
      <translation>تصفية حسب الوسم أو المُعلِّق أو النص</translation>
    </message>
  </context>
  <context>
    <name>StatisticsWindow</name>
    <message>
      <location filename="../insight/window.py" line="+84" />
      <source>Statistics</source>
      <translation>الإحصاءات</translation>
    </message>
    <message>
      <location line="+9" />
      <source>Label</source>
      <translation>الوسم</translation>
    </message>
    <message>
      <location line="+0" />
      <location line="+7" />
      <location line="+16" />
      <source>Term</source>
      <translation>المصطلح</translation>
    </message>
    <message>
      <location line="-23" />
      <source>Spans</source>
      <translation>المقاطع</translation>
    </message>
    <message>
      <location line="+0" />
      <source>Sources</source>
      <translation>المصادر</translation>
    </message>
    <message>
      <location line="+6" />
      <location line="+14" />
      <source>Source</source>
      <translation>المصدر</translation>
    </message>
    <message>
      <location line="-12" />
      <source>Here</source>
      <translation>هنا</translation>
    </message>
    <message>
      <location line="+1" />
      <source>Elsewhere</source>
      <translation>في غيره</translation>
    </message>
    <message>
      <location line="+1" />
      <source>z</source>
      <translation>z</translation>
    </message>
    <message>
      <location line="+5" />
      <source>Term to find (clitics and diacritics forgiven)</source>
      <translation>المصطلح المطلوب (تُتجاهل السوابق والتشكيل)</translation>
    </message>
    <message>
      <location line="+2" />
      <source>Unlabelled only</source>
      <translation>غير الموسوم فقط</translation>
    </message>
    <message>
      <location line="+4" />
      <source>Document</source>
      <translation>المستند</translation>
    </message>
    <message>
      <location line="+1" />
      <source>Before</source>
      <translation>قبله</translation>
    </message>
    <message>
      <location line="+2" />
      <source>After</source>
      <translation>بعده</translation>
    </message>
    <message>
      <location line="+1" />
      <source>Labelled by</source>
      <translation>وسمه</translation>
    </message>
    <message>
      <location line="+10" />
      <source>Click a bar, a term or a row to list its documents; double-click one to open it.</source>
      <translation>انقر شريطاً أو مصطلحاً أو صفاً لعرض مستنداته؛ وانقر مستنداً مرتين لفتحه.</translation>
    </message>
    <message>
      <location line="+9" />
      <source>Density per source</source>
      <translation>الكثافة لكل مصدر</translation>
    </message>
    <message>
      <location line="+1" />
      <source>Labels</source>
      <translation>الوسوم</translation>
    </message>
    <message>
      <location line="+1" />
      <source>Terms</source>
      <translation>المصطلحات</translation>
    </message>
    <message>
      <location line="+4" />
      <source>Label:</source>
      <translation>الوسم:</translation>
    </message>
    <message>
      <location line="+2" />
      <source>Target:</source>
      <translation>الهدف:</translation>
    </message>
    <message>
      <location line="+4" />
      <source>Naming divergence</source>
      <translation>تباين التسمية</translation>
    </message>
    <message>
      <location line="+6" />
      <source>Find</source>
      <translation>بحث</translation>
    </message>
    <message>
      <location line="+5" />
      <source>Concordance</source>
      <translation>السياقات</translation>
    </message>
    <message>
      <location line="+44" />
      <source>(no source)</source>
      <translation>(بلا مصدر)</translation>
    </message>
    <message>
      <location line="+3" />
      <source>{0}: {1} spans in {2} words, {3} documents</source>
      <translation>{0}: {1} مقطعاً في {2} كلمة، {3} مستندات</translation>
    </message>
    <message>
      <location line="+19" />
      <source>{0}: {1} spans in {2} documents, {3} sources</source>
      <translation>{0}: {1} مقطعاً في {2} مستندات، {3} مصادر</translation>
    </message>
    <message>
      <location line="+52" />
      <source>(all)</source>
      <translation>(الكل)</translation>
    </message>
    <message>
      <location line="+28" />
      <source>{0} documents: {1}</source>
      <translation>{0} مستندات: {1}</translation>
    </message>
    <message>
      <location line="+48" />
      <source>— unlabelled —</source>
      <translation>— غير موسوم —</translation>
    </message>
    <message>
      <location line="+5" />
      <source>{0} occurrences, {1} unlabelled</source>
      <translation>{0} ورود، {1} غير موسوم</translation>
    </message>
  </context>
  <context>
    <name>doclabels</name>
    <message>
      <location filename="../doclabels.py" line="-42" />
      <source>pro-opposition</source>
      <translation>مؤيد للمعارضة</translation>
    </message>
    <message>
      <location line="+1" />
      <source>pro-government</source>
      <translation>مؤيد للحكومة</translation>
    </message>
    <message>
      <location line="+1" />
      <source>neutral</source>
      <translation>محايد</translation>
    </message>
    <message>
      <location line="+1" />
      <source>unclear</source>
      <translation>غير واضح</translation>
    </message>
    <message>
      <location line="+1" />
      <source>against-government</source>
      <translation>ضد الحكومة</translation>
    </message>
    <message>
      <location line="+1" />
      <source>against-opposition</source>
      <translation>ضد المعارضة</translation>
    </message>
    <message>
      <location line="+1" />
      <source>against-both</source>
      <translation>ضد الطرفين</translation>
    </message>
    <message>
      <location line="+1" />
      <source>unbiased</source>
      <translation>غير منحاز</translation>
    </message>
    <message>
      <location line="+1" />
      <source>not-applicable</source>
      <translation>لا ينطبق</translation>
    </message>
    <message>
      <location line="+1" />
      <source>pro</source>
      <translation>مؤيد</translation>
    </message>
    <message>
      <location line="+1" />
      <source>anti</source>
      <translation>معارض</translation>
    </message>
    <message>
      <location line="+61" />
      <source>(not set)</source>
      <translation>(غير محدد)</translation>
    </message>
  </context>
  <context>
    <name>navigator</name>
    <message>
      <location filename="../document_list.py" line="+286" />
      <source>Document</source>
      <translation>المستند</translation>
    </message>
    <message>
      <location line="+1" />
      <source>Status</source>
      <translation>الحالة</translation>
    </message>
    <message>
      <location line="+1" />
      <source>Spans</source>
      <translation>المقاطع</translation>
    </message>
  </context>
  <context>
    <name>status</name>
    <message>
      <location line="-250" />
      <source>To do</source>
      <translation>للإنجاز</translation>
    </message>
    <message>
      <location line="+1" />
      <source>In progress</source>
      <translation>قيد العمل</translation>
    </message>
    <message>
      <location line="+1" />
      <source>Done</source>
      <translation>منجز</translation>
    </message>
    <message>
      <location line="+1" />
      <source>Skipped</source>
      <translation>متجاوَز</translation>
    </message>
  </context>
  <context>
    <name>app</name>
    <message>
      <source>Annotation databases (*.db);;All files (*)</source>
      <translation>قواعد بيانات التعليقات (*.db);;كل الملفات (*)</translation>
    </message>
    <message>
      <source>Annotator</source>
      <translation>المُعلِّق</translation>
    </message>
    <message>
      <source>Cannot open database</source>
      <translation>تعذّر فتح قاعدة البيانات</translation>
    </message>
    <message>
      <source>Choose a database</source>
      <translation>اختر قاعدة بيانات</translation>
    </message>
    <message>
      <source>Choose another file…</source>
      <translation>اختيار ملف آخر…</translation>
    </message>
    <message>
      <source>Sample article</source>
      <translation>المقال النموذجي</translation>
    </message>
    <message>
      <source>Something went wrong; your work so far is saved.</source>
      <translation>حدث خطأ ما؛ عملك حتى الآن محفوظ.</translation>
    </message>
    <message>
      <source>The database “{0}” could not be opened.</source>
      <translation>تعذّر فتح قاعدة البيانات «{0}».</translation>
    </message>
    <message>
      <source>The sample article could not be loaded:
{0}</source>
      <translation>تعذّر تحميل المقال النموذجي:
{0}</translation>
    </message>
    <message>
      <source>Unexpected error</source>
      <translation>خطأ غير متوقع</translation>
    </message>
    <message>
      <source>Your name:</source>
      <translation>اسمك:</translation>
    </message>
  </context>
  <context>
    <name>commands</name>
    <message>
      <source>No label has the key “{0}”.</source>
      <translation>لا يوجد وسم مفتاحه «{0}».</translation>
    </message>
    <message>
      <source>Not done: {0}</source>
      <translation>لم يُنفَّذ: {0}</translation>
    </message>
    <message>
      <source>Not undone: that span was changed elsewhere.</source>
      <translation>لم يُتراجع عنه: عُدّل هذا المقطع في مكان آخر.</translation>
    </message>
    <message>
      <source>Not undone: that span was deleted elsewhere.</source>
      <translation>لم يُتراجع عنه: حُذف هذا المقطع في مكان آخر.</translation>
    </message>
    <message>
      <source>Select some text (or a span) first.</source>
      <translation>حدّد نصًا (أو مقطعًا) أولًا.</translation>
    </message>
    <message>
      <source>Status not updated: {0}</source>
      <translation>لم تُحدَّث الحالة: {0}</translation>
    </message>
    <message>
      <source>That span belongs to {0}; it is not yours to change.</source>
      <translation>هذا المقطع يخص {0}؛ لا يمكنك تعديله.</translation>
    </message>
  </context>
</TS>
