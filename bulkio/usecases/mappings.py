"""Which mapping a command uses: a file, or a preset shipped with bulkio."""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from bulkio.core.errors import MappingError
from bulkio.core.mapping import Mapping, parse_mapping


@dataclass(frozen=True)
class ResolvedMapping:
    mapping: Mapping
    name: str  # the file or preset name, as the user would write it after -m
    reason: str  # why this mapping was chosen, in a sentence


def preset_names() -> list[str]:
    folder = resources.files("bulkio") / "mappings"
    if not folder.is_dir():
        return []
    return sorted(p.name[: -len(".yaml")] for p in folder.iterdir() if p.name.endswith(".yaml"))


def resolve_mapping(
    input: Path, mapping: str | Path | None, *, sheet: str | int | None = None
) -> ResolvedMapping:
    """The mapping for ``input``: a YAML file path or the name of a preset."""
    if mapping is None:
        raise MappingError(
            f"no mapping given for {input.name}",
            hint="Pass -m with a mapping file (see mappings/example.yaml) or a preset name.",
        )
    path = Path(mapping)
    if path.suffix.lower() in (".yaml", ".yml") or path.exists():
        return ResolvedMapping(_load(path), str(mapping), f"given with -m {mapping}")
    name = str(mapping)
    if name in preset_names():
        text = (resources.files("bulkio") / "mappings" / f"{name}.yaml").read_text("utf-8")
        return ResolvedMapping(
            parse_mapping(text, source=f"preset {name}"), name, f"preset given with -m {name}"
        )
    known = ", ".join(preset_names()) or "none"
    raise MappingError(
        f"'{mapping}' is neither a mapping file nor a preset",
        hint=f"Give the path of a .yaml mapping file, or one of the presets: {known}.",
    )


def _load(path: Path) -> Mapping:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise MappingError(
            f"mapping file {path} not found",
            hint="Check the path after -m; mappings/example.yaml shows the format.",
        ) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise MappingError(
            f"cannot read mapping file {path}: {exc}",
            hint="Save the mapping as a UTF-8 text file.",
        ) from None
    return parse_mapping(text, source=str(path))
