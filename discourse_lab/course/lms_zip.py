"""The LMS's "download all submissions" zip, read as it comes, without unpacking it to disk.

Two layouts name the student who handed each file in:

* **Canvas** (Assignment → Download Submissions): one flat folder of
  ``<lastfirst>[_LATE]_<user id>_<attachment id>_<file as uploaded>``, e.g.
  ``doejane_LATE_4211_99321_week-2-s001.json``. ``lastfirst`` is the name, lower-case and without
  spaces; ``LATE`` is Canvas's own verdict that the work came after the due time; the user id is the
  roster's ``ID`` column; the attachment id grows with each upload, so it orders one student's
  files. A file uploaded again under the same name gets ``-1``, ``-2`` … before its extension.
* **Moodle** (Assignment → View all submissions → Download all submissions): one folder per student,
  ``<Full name>_<participant number>_assignsubmission_file[_]/<file>`` (recent Moodle; older
  versions, 3.x, end the folder name with ``_``), or, with "download as folders" off, flat names
  ``<Full name>_<participant number>_assignsubmission_file_<file>``. The participant number is the
  one in the grading worksheet's ``Identifier`` (``Participant 123``). Moodle records no upload order
  in the zip, so one student's files are ordered by their own ``created`` time, then by zip order.

Any other member name is a loose file, read without an LMS identity. Nothing is extracted or run:
each member is read into memory, at most its size cap (the header's size is not trusted), and
encrypted members, links, archives inside the archive, absolute paths and ``..`` are refused, each
as a rejected row. There are caps on the number of members and on the total read.
"""

from __future__ import annotations

import re
import stat
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from ..errors import DataFileError

MAX_MEMBERS = 20_000
MAX_TOTAL_BYTES = 2_000_000_000  # everything read from one archive
CANVAS_NAME = re.compile(r"^(?P<name>[^_/]+?)(?P<late>_LATE|_late)?_(?P<uid>\d+)_(?P<aid>\d+)_(?P<file>[^/]+)$")
CANVAS_RESUBMISSION = re.compile(r"-(?P<n>\d{1,3})$")
MOODLE_FOLDER = re.compile(r"^(?P<name>[^/]+)_(?P<pid>\d+)_assignsubmission_(?P<plugin>[a-z]+)_?/(?P<file>.+)$")
MOODLE_FLAT = re.compile(r"^(?P<name>[^/]+)_(?P<pid>\d+)_assignsubmission_(?P<plugin>[a-z]+)_(?P<file>[^/]+)$")
# What an LMS or an operating system adds that nobody handed in.
NOISE = re.compile(r"(^|/)(__MACOSX/|\._|\.DS_Store$|Thumbs\.db$|desktop\.ini$)")


class ZipError(DataFileError):
    """The archive itself cannot be read: one line naming it."""


@dataclass(frozen=True)
class LmsFile:
    """What the LMS's name of a file says about who handed it in."""

    kind: str  # "canvas" | "moodle"
    user_id: str  # Canvas user id / Moodle participant number
    name: str  # Canvas "lastfirst" / Moodle full name
    late: bool  # Canvas's _LATE marker
    order: tuple  # the LMS's order of one student's files: Canvas (attachment id, resubmission number)
    filename: str  # the file as the student named it
    plugin: str = "file"  # Moodle submission plugin (file, onlinetext …)


@dataclass
class Member:
    archive: Path
    name: str  # the member's name in the archive
    index: int  # its position in the archive
    lms: LmsFile | None
    problem: str | None = None  # why it is refused before reading, if it is

    @property
    def path(self) -> Path:
        """Where the gradebook and the error lines say the file is: ``archive.zip/member``."""
        return self.archive / self.name

    @property
    def suffix(self) -> str:
        return PurePosixPath(self.name).suffix.lower()


def identify(name: str) -> LmsFile | None:
    """The LMS identity carried by a member name, if it follows Canvas's or Moodle's scheme."""
    base = name.rsplit("/", 1)[-1]
    if "/" not in name.rstrip("/"):
        m = CANVAS_NAME.match(base)
        if m:
            stem = PurePosixPath(m["file"]).stem
            resub = CANVAS_RESUBMISSION.search(stem)
            return LmsFile(
                "canvas",
                m["uid"],
                m["name"],
                bool(m["late"]),
                (int(m["aid"]), int(resub["n"]) if resub else 0),
                m["file"],
            )
    m = MOODLE_FOLDER.match(name) or MOODLE_FLAT.match(name)
    if m:
        return LmsFile("moodle", m["pid"], m["name"], False, (), m["file"].rsplit("/", 1)[-1], m["plugin"])
    return None


def is_zip(path: Path) -> bool:
    return path.suffix.lower() == ".zip"


def members(archive: Path) -> list[Member]:
    """Every file of the archive that could be a submission, with its LMS identity. Raises ZipError."""
    try:
        with zipfile.ZipFile(archive) as zf:
            infos = zf.infolist()
    except FileNotFoundError:
        raise ZipError(archive, "file not found") from None
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise ZipError(archive, f"is not a readable zip archive ({exc})") from None
    if len(infos) > MAX_MEMBERS:
        raise ZipError(archive, f"holds {len(infos)} files; at most {MAX_MEMBERS} are read")
    out = []
    for index, info in enumerate(infos):
        name = info.filename
        if info.is_dir() or NOISE.search(name):
            continue
        lms = identify(name)
        if lms and lms.kind == "moodle" and lms.plugin != "file":
            continue  # Moodle's online-text and comment plugins: not files a student handed in
        out.append(Member(archive, name, index, lms, _problem(info)))
    return out


def _problem(info: zipfile.ZipInfo) -> str | None:
    name = info.filename
    parts = PurePosixPath(name).parts
    if name.startswith(("/", "\\")) or re.match(r"^[A-Za-z]:", name) or ".." in parts or "\\" in name:
        return "has an unsafe name in the archive (absolute, .. or backslash); not read"
    if info.flag_bits & 0x1:
        return "is encrypted; not read"
    if stat.S_ISLNK(info.external_attr >> 16):
        return "is a symbolic link in the archive; not read"
    if PurePosixPath(name).suffix.lower() in (".zip", ".tar", ".gz", ".tgz", ".7z", ".rar"):
        return "is an archive inside the archive; not opened (ask for the .json file itself)"
    return None


class Reader:
    """Reads members of one archive, each at most ``cap`` bytes, and all of them at most MAX_TOTAL_BYTES."""

    def __init__(self, archive: Path) -> None:
        self.archive = archive
        try:
            self.zf = zipfile.ZipFile(archive)
        except (zipfile.BadZipFile, OSError, ValueError) as exc:  # changed since members() read it
            raise ZipError(archive, f"is not a readable zip archive ({exc})") from None
        self.total = 0

    def read(self, member: Member, cap: int) -> bytes:
        """The member's bytes; ValueError (with a reason) when it is too large or unreadable."""
        info = self.zf.getinfo(member.name)
        if info.file_size > cap:
            raise ValueError(f"is {info.file_size} bytes; a submission may be at most {cap} (not read)")
        try:
            with self.zf.open(info) as handle:
                data = handle.read(cap + 1)
        except (zipfile.BadZipFile, OSError, NotImplementedError, RuntimeError, EOFError) as exc:
            raise ValueError(f"cannot be read from the archive ({exc})") from None
        if len(data) > cap:
            raise ValueError(f"unpacks to more than {cap} bytes; a submission may be at most {cap} (not read)")
        self.total += len(data)
        if self.total > MAX_TOTAL_BYTES:
            raise ValueError(f"not read: the archive unpacks to more than {MAX_TOTAL_BYTES} bytes in all")
        return data

    def close(self) -> None:
        self.zf.close()
