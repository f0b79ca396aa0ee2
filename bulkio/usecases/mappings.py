"""Which mapping a command uses: a mapping file, a preset by name, or the recognised format.

``resolve_mapping`` is what ``check`` and ``import`` call with their ``-m`` option.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from importlib import resources
from itertools import islice
from pathlib import Path

from rapidfuzz import process

from bulkio.core.errors import InputFileError, MappingError
from bulkio.core.layout_meta import custom_columns, for_sheets, with_custom_fields
from bulkio.core.mapping import Mapping, parse_mapping
from bulkio.core.recognize import (
    FORMATS,
    TEMPLATE_MARKER_SHEET,
    Candidate,
    FileShape,
    recognize,
)
from bulkio.readers import Source, source_of

PREAMBLE_ROWS = 20
PRESET_PACKAGE = "bulkio.mappings"
TEMPLATE_PRESETS = ("bulkio-template", "bulkio-template-de")


@dataclass(frozen=True)
class Preset:
    """A ready mapping shipped with bulkio, usable as ``-m NAME``."""

    name: str
    title: str


@dataclass(frozen=True)
class ResolvedMapping:
    """The mapping a command uses, its name, and why it was chosen."""

    mapping: Mapping
    name: str  # the preset's name or the mapping file's path
    reason: str


def list_presets() -> list[Preset]:
    """Every preset with a one-line description, in a stable order."""
    shipped = {
        entry.name.removesuffix(".yaml")
        for entry in resources.files(PRESET_PACKAGE).iterdir()
        if entry.name.endswith(".yaml")
    }
    titles = {f.preset: f.title for f in FORMATS}
    return [Preset(name, titles.get(name, name)) for name in sorted(shipped)]


def preset_text(name: str) -> str:
    """The YAML of the preset ``name``; a MappingError naming the presets when unknown."""
    names = [p.name for p in list_presets()]
    if name not in names:
        raise MappingError(
            f"'{name}' is neither a mapping file nor a preset{_guess(name, names)}",
            hint="Presets: " + ", ".join(names) + ". A mapping file needs its path, "
            "e.g. -m ./mapping.yaml.",
        )
    return resources.files(PRESET_PACKAGE).joinpath(f"{name}.yaml").read_text(encoding="utf-8")


def show_preset(name: str) -> str:
    """The YAML of the preset ``name`` as shipped, comments included, to copy and adapt
    (``bulkio mapping show``); a MappingError naming the presets when unknown."""
    names = [p.name for p in list_presets()]
    if name not in names:
        raise MappingError(
            f"there is no preset '{name}'{_guess(name, names)}",
            hint="Presets: " + ", ".join(names) + " ('bulkio mapping list' describes them).",
        )
    return preset_text(name)


def _guess(name: str, names: list[str]) -> str:
    best = process.extractOne(name, names, score_cutoff=60)
    return f" (did you mean '{best[0]}'?)" if best else ""


def _looks_like_path(text: str) -> bool:
    return text.endswith((".yaml", ".yml")) or "/" in text or "\\" in text


def resolve_mapping(
    input: Path | Source, mapping: str | Path | None, *, sheet: str | None = None
) -> ResolvedMapping:
    """The mapping for ``input`` (a file, or its open source): a path -> that file; a preset
    name -> the preset; None -> the preset of the recognised format (MappingError listing
    the candidates when the file fits none or several). ``sheet`` (``--sheet``: a sheet's
    name or its number from 1) is the sheet to recognise and read instead of the mapping's."""
    with source_of(input) as source:
        chosen_sheet = None if sheet is None else choose_sheet(source, sheet)
        resolved = _resolve(source, mapping, chosen_sheet)
        if chosen_sheet is None:
            return resolved
        return dataclasses.replace(resolved, mapping=with_sheet(resolved, chosen_sheet))


def _resolve(source: Source, mapping: str | Path | None, sheet: str | None) -> ResolvedMapping:
    if isinstance(mapping, Path) or (mapping is not None and _looks_like_path(mapping)):
        path = Path(mapping)
        if not path.is_file():
            raise MappingError(
                f"the mapping file {path} does not exist",
                hint="Check the path, or give a preset name ('bulkio mapping list').",
            )
        try:
            text = path.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as exc:
            raise MappingError(
                f"cannot read the mapping file {path}: {exc}",
                hint="Save the mapping as a UTF-8 text file.",
            ) from None
        return ResolvedMapping(parse_mapping(text, source=path.name), str(path), "given with -m")
    if mapping is not None:
        loaded = parse_mapping(preset_text(mapping), source=f"preset {mapping}")
        return ResolvedMapping(
            _with_layout(loaded, mapping, source), mapping, "preset given with -m"
        )
    chosen = recognize_file(source, sheet=sheet)
    loaded = parse_mapping(preset_text(chosen.preset), source=f"preset {chosen.preset}")
    reason = f"recognised as {chosen.title}: {chosen.reason}"
    return ResolvedMapping(_with_layout(loaded, chosen.preset, source), chosen.preset, reason)


def choose_sheet(source: Source, wanted: str) -> str:
    """The sheet ``--sheet`` names: a sheet's name (in any case) or its number, counting
    from 1; an InputFileError listing the sheets otherwise. A text file's one sheet is
    ``data`` (or 1)."""
    names = [n for n in source.sheet_names if n not in source.hidden_sheets]
    text = wanted.strip()
    if text in names:
        return text
    folded = [n for n in names if n.casefold() == text.casefold()]
    if len(folded) == 1:
        return folded[0]
    if text.isdigit() and 1 <= int(text) <= len(names):
        return names[int(text) - 1]
    listing = ", ".join(f"{n} {name}" for n, name in enumerate(names, 1))
    raise InputFileError(
        f"no sheet '{wanted}' in '{source.path.name}'; its sheets: {listing}",
        hint="Pass --sheet with one of these names or numbers.",
    )


def with_sheet(resolved: ResolvedMapping, sheet: str) -> Mapping:
    """The mapping reading ``sheet`` instead of the sheet it names: for a mapping that reads
    one sheet; a MappingError for one that reads several (a role each)."""
    inputs = resolved.mapping.inputs
    if len(inputs) > 1:
        raise MappingError(
            f"{resolved.name} reads several sheets ({', '.join(inputs)}), so --sheet cannot "
            "choose one",
            hint="Leave out --sheet; the mapping's input: section names each sheet.",
        )
    [(role, spec)] = inputs.items()
    section = resolved.mapping.input.model_copy(
        update={role: spec.model_copy(update={"sheet": sheet})}
    )
    return resolved.mapping.model_copy(update={"input": section})


def _with_layout(mapping: Mapping, preset: str, source: Source) -> Mapping:
    """A bulkio-template preset fitted to the file's own layout: its sheets and custom fields."""
    if preset not in TEMPLATE_PRESETS:
        return mapping
    mapping = for_sheets(mapping, source.sheet_names)
    return with_custom_fields(mapping, custom_columns(source.layout_rows))


def read_shape(input: Path | Source, *, sheet: str | int | None = None) -> FileShape:
    """The header row, the text above it and the sheet names of a file (or its open
    source), for recognition."""
    with source_of(input) as source:
        names = source.sheet_names
        if TEMPLATE_MARKER_SHEET in names:
            return FileShape(headers=(), sheet_names=tuple(names))
        table = source.table(sheet=sheet)
        preamble: list[str] = []
        if table.header_row > 1:
            top = source.table(sheet=sheet, header_row=1)
            preamble.extend(c for c in top.columns if not c.startswith("Column "))
            for batch in islice(top.batches(PREAMBLE_ROWS), 1):
                for row in batch.head(table.header_row - 2).iter_rows():
                    preamble.extend(str(v) for v in row[:-1] if v)
        return FileShape(
            headers=tuple(table.columns), preamble=tuple(preamble), sheet_names=tuple(names)
        )


def recognize_file(input: Path | Source, *, sheet: str | int | None = None) -> Candidate:
    """The known export ``input`` (a file or its open source) is in; a MappingError listing
    the candidates otherwise."""
    with source_of(input) as source:
        return recognize(read_shape(source, sheet=sheet), source=f"'{source.path.name}'")
