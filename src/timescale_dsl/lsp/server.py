"""The language server: pygls wiring between the protocol and the feature modules.

Each request converts positions at the edge (the client counts in UTF-16 code
units unless it says otherwise; the feature modules count code points) and
calls one feature module. A document's analysis is computed once per version
of its text. Diagnostics are published on open at once, and on change after a
short pause in typing, so that a long file is not checked on every keystroke.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
from collections.abc import Sequence

from lsprotocol import types
from pygls.exceptions import JsonRpcException
from pygls.lsp.server import LanguageServer
from pygls.workspace import TextDocument
from pygls.workspace.position_codec import ServerTextPosition

from .. import __version__
from ..errors import Diagnostic, Severity
from ..ruleset import Ruleset
from . import completion
from .analysis import Analysis
from .checks import check_document, message_with_hint
from .fixes import fixes_for
from .formatting import format_document
from .hover import bound_ruleset, hover
from .navigation import (
    Edit,
    RenameRefused,
    Symbol,
    definition,
    outline,
    prepare_rename,
    references,
    rename,
)
from .text import Pos, Text, TextRange

#: Seconds of quiet after a change before the document is checked again.
CHECK_DELAY = 0.3
#: JSON-RPC code for a request the server understood but could not carry out.
REQUEST_FAILED = -32803

_SYMBOL_KINDS = {
    "fact": types.SymbolKind.Variable,
    "section": types.SymbolKind.Namespace,
    "process": types.SymbolKind.Class,
    "rule": types.SymbolKind.Event,
}
_COMPLETION_KINDS = {
    completion.KEYWORD: types.CompletionItemKind.Keyword,
    completion.FACT: types.CompletionItemKind.Variable,
    completion.VALUE: types.CompletionItemKind.EnumMember,
    completion.RULE: types.CompletionItemKind.Reference,
    completion.CALENDAR: types.CompletionItemKind.Module,
    completion.DAY: types.CompletionItemKind.Constant,
}


class TimescaleServer(LanguageServer):
    def __init__(self) -> None:
        super().__init__("timescale", __version__)
        self.example_day: dt.date | None = None
        self._analyses: dict[str, Analysis] = {}
        self._checks: dict[str, tuple[str, list[Diagnostic]]] = {}
        self._rulesets: dict[str, tuple[str, Ruleset | None]] = {}

    # -- per-document state ----------------------------------------------------------
    def analysis(self, document: TextDocument) -> Analysis:
        known = self._analyses.get(document.uri)
        if known is None or known.text.source != document.source:
            known = Analysis(document.source, document.path)
            self._analyses[document.uri] = known
        return known

    def checked(self, document: TextDocument) -> list[Diagnostic]:
        known = self._checks.get(document.uri)
        if known is None or known[0] != document.source:
            known = (document.source, check_document(document.source, document.path))
            self._checks[document.uri] = known
        return known[1]

    def ruleset(self, document: TextDocument) -> Ruleset | None:
        known = self._rulesets.get(document.uri)
        if known is None or known[0] != document.source:
            known = (document.source, bound_ruleset(self.analysis(document)))
            self._rulesets[document.uri] = known
        return known[1]

    def forget(self, uri: str) -> None:
        for cache in (self._analyses, self._checks, self._rulesets):
            cache.pop(uri, None)

    def publish(self, document: TextDocument) -> None:
        text = Text(document.source)
        found = [to_lsp_diagnostic(d, text, document) for d in self.checked(document)]
        params = types.PublishDiagnosticsParams(document.uri, found, document.version)
        self.text_document_publish_diagnostics(params)


server = TimescaleServer()


# -- positions -----------------------------------------------------------------
def to_client(document: TextDocument, text: Text, area: TextRange) -> types.Range:
    codec = document.position_codec
    return types.Range(
        codec.position_to_client_units(
            text.lines, ServerTextPosition(area.start.line, area.start.character)
        ),
        codec.position_to_client_units(
            text.lines, ServerTextPosition(area.end.line, area.end.character)
        ),
    )


def from_client(document: TextDocument, text: Text, position: types.Position) -> Pos:
    found = document.position_codec.position_from_client_units(text.lines, position)
    return Pos(found.line, found.character)


def to_lsp_diagnostic(
    diagnostic: Diagnostic, text: Text, document: TextDocument
) -> types.Diagnostic:
    area = text.span_range(diagnostic.span) if diagnostic.span else TextRange(Pos(0, 0), Pos(0, 0))
    severity = (
        types.DiagnosticSeverity.Error
        if diagnostic.severity is Severity.ERROR
        else types.DiagnosticSeverity.Warning
    )
    return types.Diagnostic(
        range=to_client(document, text, area),
        message=message_with_hint(diagnostic),
        severity=severity,
        code=diagnostic.code,
        source="timescale",
    )


def _edits(document: TextDocument, text: Text, edits: Sequence[Edit]) -> list[types.TextEdit]:
    return [types.TextEdit(to_client(document, text, e.range), e.text) for e in edits]


# -- lifecycle and documents ---------------------------------------------------
@server.feature(types.INITIALIZE)
def initialize(ls: TimescaleServer, params: types.InitializeParams) -> None:
    options = params.initialization_options
    wanted = options.get("exampleDate") if isinstance(options, dict) else None
    if wanted:
        try:
            ls.example_day = dt.date.fromisoformat(str(wanted))
        except ValueError:
            logging.getLogger(__name__).warning("exampleDate %r is not YYYY-MM-DD", wanted)


@server.feature(types.TEXT_DOCUMENT_DID_OPEN)
def did_open(ls: TimescaleServer, params: types.DidOpenTextDocumentParams) -> None:
    ls.publish(ls.workspace.get_text_document(params.text_document.uri))


@server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
async def did_change(ls: TimescaleServer, params: types.DidChangeTextDocumentParams) -> None:
    version = params.text_document.version
    await asyncio.sleep(CHECK_DELAY)
    document = ls.workspace.get_text_document(params.text_document.uri)
    if document.version == version:  # else a later change will publish
        ls.publish(document)


@server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
def did_close(ls: TimescaleServer, params: types.DidCloseTextDocumentParams) -> None:
    ls.forget(params.text_document.uri)
    ls.text_document_publish_diagnostics(
        types.PublishDiagnosticsParams(params.text_document.uri, [])
    )


# -- features ------------------------------------------------------------------
@server.feature(types.TEXT_DOCUMENT_HOVER)
def on_hover(ls: TimescaleServer, params: types.HoverParams) -> types.Hover | None:
    document = ls.workspace.get_text_document(params.text_document.uri)
    analysis = ls.analysis(document)
    pos = from_client(document, analysis.text, params.position)
    found = hover(analysis, pos, ls.ruleset(document), ls.example_day)
    if found is None:
        return None
    contents = types.MarkupContent(types.MarkupKind.Markdown, found.markdown)
    return types.Hover(contents, to_client(document, analysis.text, found.range))


@server.feature(types.TEXT_DOCUMENT_COMPLETION, types.CompletionOptions(trigger_characters=["["]))
def on_completion(ls: TimescaleServer, params: types.CompletionParams) -> types.CompletionList:
    document = ls.workspace.get_text_document(params.text_document.uri)
    analysis = ls.analysis(document)
    pos = from_client(document, analysis.text, params.position)
    items = []
    for suggestion in completion.complete(analysis, pos):
        order = "1" if suggestion.kind == completion.KEYWORD else "0"
        edit = types.TextEdit(
            to_client(document, analysis.text, suggestion.range), suggestion.insert
        )
        items.append(
            types.CompletionItem(
                label=suggestion.label,
                kind=_COMPLETION_KINDS[suggestion.kind],
                detail=suggestion.detail,
                documentation=suggestion.documentation,
                text_edit=edit,
                sort_text=order + suggestion.label,
                filter_text=suggestion.insert,
            )
        )
    return types.CompletionList(is_incomplete=False, items=items)


@server.feature(types.TEXT_DOCUMENT_DEFINITION)
def on_definition(ls: TimescaleServer, params: types.DefinitionParams) -> types.Location | None:
    document = ls.workspace.get_text_document(params.text_document.uri)
    analysis = ls.analysis(document)
    found = definition(analysis, from_client(document, analysis.text, params.position))
    if found is None:
        return None
    return types.Location(document.uri, to_client(document, analysis.text, found))


@server.feature(types.TEXT_DOCUMENT_REFERENCES)
def on_references(ls: TimescaleServer, params: types.ReferenceParams) -> list[types.Location]:
    document = ls.workspace.get_text_document(params.text_document.uri)
    analysis = ls.analysis(document)
    pos = from_client(document, analysis.text, params.position)
    found = references(analysis, pos, params.context.include_declaration)
    return [types.Location(document.uri, to_client(document, analysis.text, r)) for r in found]


@server.feature(types.TEXT_DOCUMENT_PREPARE_RENAME)
def on_prepare_rename(
    ls: TimescaleServer, params: types.PrepareRenameParams
) -> types.PrepareRenamePlaceholder:
    document = ls.workspace.get_text_document(params.text_document.uri)
    analysis = ls.analysis(document)
    try:
        area, name = prepare_rename(analysis, from_client(document, analysis.text, params.position))
    except RenameRefused as refused:
        raise JsonRpcException(str(refused), REQUEST_FAILED) from None
    return types.PrepareRenamePlaceholder(to_client(document, analysis.text, area), name)


@server.feature(types.TEXT_DOCUMENT_RENAME)
def on_rename(ls: TimescaleServer, params: types.RenameParams) -> types.WorkspaceEdit:
    document = ls.workspace.get_text_document(params.text_document.uri)
    analysis = ls.analysis(document)
    pos = from_client(document, analysis.text, params.position)
    try:
        edits = rename(analysis, pos, params.new_name)
    except RenameRefused as refused:
        raise JsonRpcException(str(refused), REQUEST_FAILED) from None
    return types.WorkspaceEdit(changes={document.uri: _edits(document, analysis.text, edits)})


@server.feature(types.TEXT_DOCUMENT_DOCUMENT_SYMBOL)
def on_document_symbol(
    ls: TimescaleServer, params: types.DocumentSymbolParams
) -> list[types.DocumentSymbol]:
    document = ls.workspace.get_text_document(params.text_document.uri)
    analysis = ls.analysis(document)

    def convert(symbol: Symbol) -> types.DocumentSymbol:
        return types.DocumentSymbol(
            name=symbol.name,
            kind=_SYMBOL_KINDS[symbol.kind],
            range=to_client(document, analysis.text, symbol.range),
            selection_range=to_client(document, analysis.text, symbol.selection),
            detail=symbol.detail,
            children=[convert(child) for child in symbol.children],
        )

    return [convert(symbol) for symbol in outline(analysis)]


@server.feature(types.TEXT_DOCUMENT_FORMATTING)
def on_formatting(
    ls: TimescaleServer, params: types.DocumentFormattingParams
) -> list[types.TextEdit] | None:
    document = ls.workspace.get_text_document(params.text_document.uri)
    text = Text(document.source)
    edits = format_document(text, document.path)
    if edits is None:
        ls.window_log_message(
            types.LogMessageParams(
                types.MessageType.Info,
                f"{document.path}: not formatted: fix the syntax errors first",
            )
        )
        return None
    return _edits(document, text, edits)


@server.feature(
    types.TEXT_DOCUMENT_CODE_ACTION,
    types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix]),
)
def on_code_action(ls: TimescaleServer, params: types.CodeActionParams) -> list[types.CodeAction]:
    document = ls.workspace.get_text_document(params.text_document.uri)
    analysis = ls.analysis(document)
    text = analysis.text
    wanted = TextRange(
        from_client(document, text, params.range.start),
        from_client(document, text, params.range.end),
    )
    actions = []
    for diagnostic in ls.checked(document):
        if diagnostic.span is None:
            continue
        area = text.span_range(diagnostic.span)
        if not area.overlaps(wanted):
            continue
        shown = to_lsp_diagnostic(diagnostic, text, document)
        for fix in fixes_for(analysis, diagnostic, area):
            actions.append(
                types.CodeAction(
                    title=fix.title,
                    kind=types.CodeActionKind.QuickFix,
                    diagnostics=[shown],
                    edit=types.WorkspaceEdit(
                        changes={document.uri: _edits(document, text, fix.edits)}
                    ),
                    is_preferred=fix.preferred,
                )
            )
    return actions


def serve() -> None:
    """Serve one client over stdin and stdout until it says exit."""
    server.start_io()
