"""An .xlsx package opened with care before any XML parser sees it: the unpacked size of every
part is bounded (as the zip declares it, and as it really unpacks), no part may declare a
DOCTYPE or entities, and each worksheet is scanned as a stream for formula cells and for
cells holding an Excel error value (#DIV/0!, #N/A...), which calamine reads as blank."""
from __future__ import annotations

import io
import re
import struct
import zipfile
import zlib
from dataclasses import dataclass, field

from data.importer.problems import FileProblem

MB = 1024 * 1024
# The largest real report, a whole province-year, is a 1.6 MB workbook whose biggest part
# unpacks to 10 MB (14 MB in all). A workbook at the 20 MB upload limit, compressed as Excel
# compresses (about 10:1), unpacks to about 200 MB. Anything beyond is a zip bomb: refused on
# the sizes the zip declares, before a byte is unpacked.
MAX_PART_BYTES = 200 * MB
MAX_UNPACKED_BYTES = 300 * MB
# A workbook has a dozen parts, a few hundred with many sheets and pictures; a zip of tens of
# thousands of tiny parts is no workbook (and costs time to list).
MAX_PARTS = 2000
# workbook.xml and its relationships are kept whole to map sheet names to parts; Excel writes
# a few KB (a few MB with thousands of defined names).
MAX_INDEX_BYTES = 16 * MB
CHUNK = MB  # unpacked at a time: the scan holds a few of these, whatever the part's size

# Excel never writes a DOCTYPE: any declaration (entities, external entities, "billion
# laughs") is refused wherever it is, in whichever encoding an XML parser could read it.
_DECLARATIONS = tuple(word.encode(encoding) for word in ("<!doctype", "<!entity")
                      for encoding in ("utf-8", "utf-16-le", "utf-16-be"))
_OVERLAP = max(len(m) for m in _DECLARATIONS) - 1
_OPENINGS = tuple("<!".encode(encoding) for encoding in ("utf-8", "utf-16-le", "utf-16-be"))

# Cells, formulas and values, with or without a namespace prefix (<x:c>), as bytes.
_CELL = re.compile(rb"<(?:[\w.-]+:)?c\b([^>]*?)(?:/>|>(.*?)</(?:[\w.-]+:)?c>)", re.S)
_FORMULA = re.compile(rb"<(?:[\w.-]+:)?f\b[^>]*?(?:/>|>(.*?)</(?:[\w.-]+:)?f>)", re.S)
_VALUE = re.compile(rb"<(?:[\w.-]+:)?v>([^<]+)</(?:[\w.-]+:)?v>")
_REF = re.compile(rb'\br="([A-Z]+\d+)"')
_ERROR_TYPE = re.compile(rb"""\bt\s*=\s*["']e["']""")
# A cell or row reference far from A1 (two or more column letters, or six or more row digits):
# calamine holds a sheet as a dense rectangle from A1 to its farthest cell, so one stray cell at
# XFD1048576 would make it allocate 17 billion cells (and abort). Any spelling of the attribute.
_FAR_REF = re.compile(rb"""\sr\s*=\s*["']([A-Z]{2,3}\d+|[A-Z]{0,3}\d{6,})["']""")
_SPLIT_REF = re.compile(rb"([A-Z]*)(\d+)")
# A stretch of sheet XML is parsed cell by cell only if it may hold a formula (<f>, <x:f>) or an
# error cell (t="e").
_WORTH_PARSING = (b"<f", b":f", b'"e"', b"'e'")
_LOCAL_HEADER = b"PK\x03\x04"


@dataclass
class SheetScan:
    """What the stream of one worksheet part held."""
    formulas: int = 0
    uncached: list[tuple[str, str]] = field(default_factory=list)  # (cell, "=formula") with no saved value
    errors: list[tuple[str, str]] = field(default_factory=list)    # (cell, "#DIV/0!")
    max_row: int = 0      # the farthest row referred to, if 100,000 or more (else 0)
    max_column: int = 0   # the farthest column (1 is A), if AA or beyond (else 0)


@dataclass
class Package:
    sheet_parts: dict[str, str]   # sheet name -> its part ("xl/worksheets/sheet2.xml")
    scans: dict[str, SheetScan]   # worksheet part -> its scan


def open_package(content: bytes, file_name: str) -> Package:
    """Check and scan a workbook's zip. Raises FileProblem for a zip bomb, a part declaring
    XML entities, or a damaged zip."""
    try:
        infos = [i for i in zipfile.ZipFile(io.BytesIO(content)).infolist() if not i.is_dir()]
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError) as err:
        raise FileProblem("import.file_not_xlsx", file=file_name) from err
    if len(infos) > MAX_PARTS:
        raise FileProblem("import.file_many_parts", file=file_name, n=len(infos), limit=MAX_PARTS)
    for info in infos:
        if info.file_size > MAX_PART_BYTES:
            raise FileProblem("import.file_bomb", file=file_name, part=info.filename,
                              size=_mb(info.file_size), limit=MAX_PART_BYTES // MB)
    declared = sum(i.file_size for i in infos)
    if declared > MAX_UNPACKED_BYTES:
        raise FileProblem("import.file_bomb_total", file=file_name, size=_mb(declared),
                          limit=MAX_UNPACKED_BYTES // MB)
    scans: dict[str, SheetScan] = {}
    kept: dict[str, bytes] = {}
    for info in infos:
        name = info.filename
        sheet = SheetScan() if name.startswith("xl/worksheets/") and name.endswith(".xml") else None
        keep = name in ("xl/workbook.xml", "xl/_rels/workbook.xml.rels")
        if keep and info.file_size > MAX_INDEX_BYTES:
            raise FileProblem("import.file_not_xlsx", file=file_name)
        body = _scan(_unpacked(content, info, file_name), name, file_name, sheet, keep)
        if sheet is not None:
            scans[name] = sheet
        if keep:
            kept[name] = body
    if "xl/workbook.xml" not in kept:
        raise FileProblem("import.file_not_xlsx", file=file_name)
    return Package(_sheet_parts(kept["xl/workbook.xml"], kept.get("xl/_rels/workbook.xml.rels", b"")), scans)


def _mb(n: int) -> str:
    return f"{n / MB:,.0f}"


def _unpacked(content: bytes, info: zipfile.ZipInfo, file_name: str):
    """The part's bytes, CHUNK at a time, never more than the zip declares (a part that
    unpacks to more, or to less, or fails its checksum, is damaged or forged)."""
    start = info.header_offset
    head = content[start:start + 30]
    if len(head) < 30 or head[:4] != _LOCAL_HEADER or info.flag_bits & 0x1:  # bit 0: an encrypted part
        raise FileProblem("import.file_not_xlsx", file=file_name)
    name_length, extra_length = struct.unpack("<HH", head[26:30])
    begin = start + 30 + name_length + extra_length
    packed = memoryview(content)[begin:begin + info.compress_size]
    if len(packed) < info.compress_size:
        raise FileProblem("import.file_not_xlsx", file=file_name)
    left, crc = info.file_size, 0
    if info.compress_type == zipfile.ZIP_STORED:
        if info.compress_size != info.file_size:
            raise FileProblem("import.file_sizes_wrong", file=file_name, part=info.filename)
        for at in range(0, len(packed), CHUNK):
            chunk = bytes(packed[at:at + CHUNK])
            crc = zlib.crc32(chunk, crc)
            yield chunk
    elif info.compress_type == zipfile.ZIP_DEFLATED:
        inflate = zlib.decompressobj(-zlib.MAX_WBITS)
        at = 0
        try:
            while not inflate.eof:
                if inflate.unconsumed_tail:
                    chunk = inflate.decompress(inflate.unconsumed_tail, CHUNK)
                elif at < len(packed):
                    chunk = inflate.decompress(packed[at:at + CHUNK], CHUNK)
                    at += CHUNK
                else:
                    break
                left -= len(chunk)
                if left < 0:
                    raise FileProblem("import.file_sizes_wrong", file=file_name, part=info.filename)
                crc = zlib.crc32(chunk, crc)
                yield chunk
        except zlib.error as err:
            raise FileProblem("import.file_not_xlsx", file=file_name) from err
        if not inflate.eof or left != 0:
            raise FileProblem("import.file_sizes_wrong", file=file_name, part=info.filename)
    else:  # Excel writes only deflate (and stored): bzip2, lzma and the rest are no workbook
        raise FileProblem("import.file_not_xlsx", file=file_name)
    if crc != info.CRC:
        raise FileProblem("import.file_not_xlsx", file=file_name)


def _scan(chunks, part: str, file_name: str, sheet: SheetScan | None, keep: bool) -> bytes:
    """Refuse a part that declares a DOCTYPE or entities; fill `sheet` from a worksheet's
    cells; return the whole part if `keep`, else b""."""
    tail = b""        # the end of the previous chunk: a declaration cut in two is still found
    pending = b""     # a worksheet's bytes after its last complete cell
    whole = []
    for chunk in chunks:
        # Every declaration opens with "<!" (in UTF-16 too): only a chunk holding one is looked at closely.
        edge = tail + chunk[:_OVERLAP]
        for probe in (edge, chunk):
            if b"!" in probe and any(opening in probe for opening in _OPENINGS) and \
                    any(m in probe.lower() for m in _DECLARATIONS):
                raise FileProblem("import.file_xml_entities", file=file_name, part=part)
        tail = chunk[-_OVERLAP:]
        if keep:
            whole.append(chunk)
        if sheet is not None:
            pending = _scan_cells(pending + chunk, sheet)
    if sheet is not None and pending:
        _cells(pending, sheet)
    return b"".join(whole)


def _scan_cells(buffer: bytes, sheet: SheetScan) -> bytes:
    """Scan the complete cells at the start of `buffer`; return what follows the last one."""
    plain, prefixed = buffer.rfind(b"</c>"), buffer.rfind(b":c>")  # </c> or </x:c>
    end = max(plain + 4 if plain >= 0 else 0, prefixed + 3 if prefixed >= 0 else 0)
    if end == 0:
        # No cell with a body ends here: keep only what could be the start of one (a cell
        # holds at most 32,767 characters), so a part without cells cannot grow the buffer.
        cut = buffer.rfind(b"<", 0, len(buffer) - CHUNK) if len(buffer) > 4 * CHUNK else -1
        if cut > 0:  # cut before a tag, so that no reference is cut in two
            _extent(buffer[:cut], sheet)
            return buffer[cut:]
        return buffer
    _cells(buffer[:end], sheet)
    return buffer[end:]


def _cells(segment: bytes, sheet: SheetScan) -> None:
    _extent(segment, sheet)
    if not any(marker in segment for marker in _WORTH_PARSING):
        return
    for attrs, body in _CELL.findall(segment):
        formula = _FORMULA.search(body) if body else None
        value = _VALUE.search(body) if body else None
        if formula is not None:
            sheet.formulas += 1
            if value is None:
                text = formula.group(1)
                sheet.uncached.append((_ref(attrs), "=" + _text(text) if text else ""))
        if _ERROR_TYPE.search(attrs):
            sheet.errors.append((_ref(attrs), _text(value.group(1)) if value else "#N/A"))


def _extent(segment: bytes, sheet: SheetScan) -> None:
    """The farthest row and column the segment's references reach."""
    for ref in _FAR_REF.findall(segment):
        letters, digits = _SPLIT_REF.fullmatch(ref).groups()
        sheet.max_row = max(sheet.max_row, int(digits))
        if letters:
            column = 0
            for letter in letters:
                column = column * 26 + letter - 64
            sheet.max_column = max(sheet.max_column, column)


def _ref(attrs: bytes) -> str:
    found = _REF.search(attrs)
    return found.group(1).decode() if found else ""


def _text(raw: bytes) -> str:
    return unescape(raw.decode("utf-8", errors="replace"))


def unescape(text: str) -> str:
    """XML's five escapes undone (the parts hold no others: entities are refused)."""
    return (text.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"').replace("&apos;", "'")
            .replace("&amp;", "&"))


def _sheet_parts(workbook: bytes, rels: bytes) -> dict[str, str]:
    """Sheet name -> its XML part, from the workbook's relationships."""
    workbook_text = workbook.decode("utf-8", errors="replace")
    rels_text = rels.decode("utf-8", errors="replace")
    targets = dict(re.findall(r'<Relationship[^>]*Id="([^"]+)"[^>]*Target="([^"]+)"', rels_text))
    targets |= {k: v for v, k in re.findall(r'<Relationship[^>]*Target="([^"]+)"[^>]*Id="([^"]+)"', rels_text)}
    parts = {}
    for name, rid in re.findall(r'<sheet\b[^>]*name="([^"]+)"[^>]*r:id="([^"]+)"', workbook_text):
        target = targets.get(rid, "")
        parts[unescape(name)] = "xl/" + target.lstrip("/").removeprefix("xl/")
    return parts
