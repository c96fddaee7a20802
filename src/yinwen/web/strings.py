"""Every word the web page and its API say, in Chinese (the default) and English (``?lang=en``)."""

from __future__ import annotations

LANGS = ("zh", "en")

# Answers of the API when a request holds no draft it can check (shown on the page as they are).
MESSAGES = {
    "zh": {
        "too_large": "文稿太大（{size}），上限是 {limit}。请只上传需要核对的部分，或拆成几份。",
        "unsupported_type": "不支持这种文件：{name}。请上传 .docx、.txt、.md 或 .pdf 文件。",
        "unsupported_body": "不支持的请求类型 {kind}：请发送文本（text/plain; charset=utf-8）或上传文件（multipart/form-data）。",
        "unknown_charset": "不认识的字符集 {charset}。",
        "malformed_upload": "上传的数据不完整或格式不对，请重新上传。",
        "no_file": "上传的内容里没有文件（表单字段名应为 file）。",
        "empty": "文稿是空的：请粘贴文稿或选择文件。",
        "not_a_document": "无法核对 {name}：{reason}",
        "bad_accept": "accept 参数应为 all，或用逗号分隔的“起-止”位置。",
        "annotate_needs_docx": "批注版只能从上传的 .docx 文件生成。",
        "internal": "内部错误：{reason}。文稿没有核对完，请把这条信息报告给维护者。",
        "not_found": "没有这个页面。",
        "forbidden_origin": "拒绝来自其他网站的请求。",
    },
    "en": {
        "too_large": "The draft is too large ({size}); the limit is {limit}. Upload only the part to check, or split it.",
        "unsupported_type": "Unsupported file {name}: upload a .docx, .txt, .md or .pdf file.",
        "unsupported_body": "Unsupported request type {kind}: send text (text/plain; charset=utf-8) or upload a file "
                            "(multipart/form-data).",
        "unknown_charset": "Unknown charset {charset}.",
        "malformed_upload": "The upload is incomplete or malformed; upload it again.",
        "no_file": "The upload holds no file (the form field must be named file).",
        "empty": "The draft is empty: paste a draft or choose a file.",
        "not_a_document": "Cannot check {name}: {reason}",
        "bad_accept": "accept must be all, or comma-separated start-end offsets.",
        "annotate_needs_docx": "The annotated copy can be made only from an uploaded .docx file.",
        "internal": "Internal error: {reason}. The draft was not fully checked; please report this message.",
        "not_found": "No such page.",
        "forbidden_origin": "Requests from other web sites are refused.",
    },
}

# The page's own words, handed to its script as JSON.
PAGE = {
    "zh": {
        "html_lang": "zh-CN", "title": "yinwen 引文核对", "heading": "引文核对",
        "tagline": "粘贴文稿或拖入文件，逐条核对引文的原文和出处。全部在这台电脑上完成，不联网。",
        "other_lang": "English", "other_lang_href": "/?lang=en",
        "paste_label": "文稿", "paste_placeholder": "在这里粘贴文稿……",
        "drop": "或把文件拖到这里", "choose": "选择文件", "types": "支持 .docx、.txt、.md、.pdf，不超过 {limit}",
        "check": "核对", "checking": "正在核对……", "clear": "清空", "file_chosen": "已选择文件：{name}（{size}）",
        "remove_file": "不用这个文件",
        "empty": "请先粘贴文稿或选择文件。", "too_large": "文件太大（{size}），上限是 {limit}。请只上传需要核对的部分，或拆成几份。",
        "unsupported_type": "不支持这种文件：{name}。请上传 .docx、.txt、.md 或 .pdf 文件。",
        "offline": "连不上 yinwen：它可能已经关闭。请重新运行 yinwen serve。",
        "summary": "核对结果", "quotes": "引文", "findings": "问题清单", "no_findings": "没有发现问题。",
        "hint": "点击文中的标记，查看原文、差异和出处。",
        "verified": "一致", "misquote": "与原文不符", "spliced": "拼接", "misattributed": "出处有误",
        "unverified": "未找到出处", "term": "题名/术语", "stutter": "重复字词", "repeated": "重复句子",
        "reuse": "未加引号的原文", "formulation": "提法", "other": "其他",
        "error": "错误", "warning": "警告", "info": "提示", "sev_error": "错误", "sev_warning": "警告", "sev_info": "提示",
        "role_quotation": "引语", "role_title": "题名", "role_term": "术语", "role_speech": "他人话语", "role_emphasis": "强调",
        "quote": "引文", "source": "原文", "cite": "出处", "where": "位置", "line_col": "第 {line} 行第 {column} 列",
        "part": "片段", "fix": "建议改为", "first_seen": "首次出现", "verdict": "核对结果", "role": "类型",
        "copy": "复制正确原文", "copied": "已复制到剪贴板", "copy_failed": "无法复制：请手动选中原文复制。",
        "accept": "采纳修改", "undo": "撤销采纳", "accepted": "已采纳",
        "verified_note": "这段引文与原文一致。", "term_note": "题名、术语等不按引文核对。",
        "unverified_note": "语料中没有找到这段话；如果它是引语，请核对原文。",
        "downloads": "下载", "annotated": "批注版 Word（.docx）", "fixed_all": "修正稿（全部可自动修正处）",
        "fixed_some": "修正稿（已采纳 {count} 处）", "html": "HTML 报告", "citations": "引文出处清单",
        "accept_all": "全部采纳", "accepted_all": "已采纳全部可自动修正的 {count} 处。", "nothing_to_fix": "没有可以自动修正的地方。",
        "downloading": "正在生成……", "corpus": "语料 {sources} 篇，{chars} 字", "close": "关闭",
        "legend": "图例", "pasted_name": "粘贴的文稿.txt",
    },
    "en": {
        "html_lang": "en", "title": "yinwen quotation check", "heading": "Quotation check",
        "tagline": "Paste a draft or drop a file: every quotation is checked against its source. Nothing leaves this computer.",
        "other_lang": "中文", "other_lang_href": "/",
        "paste_label": "Draft", "paste_placeholder": "Paste your draft here…",
        "drop": "or drop a file here", "choose": "Choose a file", "types": ".docx, .txt, .md or .pdf, up to {limit}",
        "check": "Check", "checking": "Checking…", "clear": "Clear", "file_chosen": "File: {name} ({size})",
        "remove_file": "Do not use this file",
        "empty": "Paste a draft or choose a file first.",
        "too_large": "The file is too large ({size}); the limit is {limit}. Upload only the part to check, or split it.",
        "unsupported_type": "Unsupported file {name}: upload a .docx, .txt, .md or .pdf file.",
        "offline": "Cannot reach yinwen: it may have stopped. Run yinwen serve again.",
        "summary": "Result", "quotes": "Quotations", "findings": "Findings", "no_findings": "No findings.",
        "hint": "Click a mark in the draft to see the source, the differences and the citation.",
        "verified": "verified", "misquote": "misquote", "spliced": "spliced", "misattributed": "misattributed",
        "unverified": "unverified", "term": "title/term", "stutter": "stutter", "repeated": "repeated sentence",
        "reuse": "unmarked source text", "formulation": "formulation", "other": "other",
        "error": "errors", "warning": "warnings", "info": "infos", "sev_error": "error", "sev_warning": "warning",
        "sev_info": "info",
        "role_quotation": "quotation", "role_title": "title", "role_term": "term", "role_speech": "speech",
        "role_emphasis": "emphasis",
        "quote": "Quote", "source": "Source", "cite": "Citation", "where": "Where", "line_col": "line {line}, column {column}",
        "part": "Part", "fix": "Fix", "first_seen": "First seen", "verdict": "Verdict", "role": "Kind",
        "copy": "Copy the correct wording", "copied": "Copied to the clipboard",
        "copy_failed": "Cannot copy: select the source wording and copy it by hand.",
        "accept": "Accept the fix", "undo": "Undo", "accepted": "Accepted",
        "verified_note": "This quotation matches its source.", "term_note": "Titles and terms are not checked as quotations.",
        "unverified_note": "Nothing in the corpus matches; if this is a quotation, check its source.",
        "downloads": "Download", "annotated": "Annotated Word copy (.docx)", "fixed_all": "Corrected text (every safe fix)",
        "fixed_some": "Corrected text ({count} accepted)", "html": "HTML report", "citations": "Citations list",
        "accept_all": "Accept every safe fix", "accepted_all": "Accepted all {count} safe fixes.",
        "nothing_to_fix": "Nothing can be fixed automatically.",
        "downloading": "Preparing…", "corpus": "Corpus: {sources} sources, {chars} characters", "close": "Close",
        "legend": "Legend", "pasted_name": "pasted-draft.txt",
    },
}

# Download names: the draft's name, then what the file is.
DOWNLOAD_SUFFIX = {
    "zh": {"annotated": "-批注", "fixed": "-修正", "html": "-引文核对", "citations": "-引文出处"},
    "en": {"annotated": "-annotated", "fixed": "-fixed", "html": "-report", "citations": "-citations"},
}


def language(value: str | None) -> str:
    return value if value in LANGS else "zh"


def message(key: str, lang: str, **values: object) -> str:
    return MESSAGES[language(lang)][key].format(**values)
