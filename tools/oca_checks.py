"""OCA's module and po checks (oca-odoo-pre-commit-hooks) on this addon.

    python3 tools/oca_checks.py [module|po]   check both, or one (make lint,
                                              pre-commit)
    python3 tools/oca_checks.py --fix         let the module hooks fix what
                                              they can

The po file is formatted by ``make po-format`` (tools/po_format.py), which
writes what the po-pretty-format check expects.

The hooks look for a module's manifest below the git repository's top, never
at the top itself, where this repository keeps the addon: they run on a copy
of the addon's files (tracked and new ones, as git lists them) in
build/oca/party_points, and with --fix the fixed files are copied back.
Disabled checks and their reasons are in .oca_hooks.cfg.
"""

import filecmp
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
COPY = ROOT / "build" / "oca" / "party_points"


def _files():
    out = subprocess.check_output(
        ["git", "ls-files", "-z", "-co", "--exclude-standard"], cwd=ROOT
    )
    names = sorted({name for name in out.decode().split("\0") if name})
    return [name for name in names if (ROOT / name).is_file()]


def main(argv):
    fix = "--fix" in argv
    if COPY.exists():
        shutil.rmtree(COPY)
    files = _files()
    for name in files:
        target = COPY / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, target)
    config = ["--config", str(ROOT / ".oca_hooks.cfg")]
    status = 0
    commands = {
        "module": ["oca-checks-odoo-module", *config, str(COPY)],
        "po": ["oca-checks-po", *config, *sorted(map(str, COPY.glob("i18n/*.po")))],
    }
    only = [name for name in commands if name in argv] or list(commands)
    for command in (commands[name] for name in only):
        if fix and command[0] == "oca-checks-odoo-module":
            command.insert(1, "--fix")
        run = subprocess.run(command, capture_output=True, text=True, check=False)
        output = (run.stdout + run.stderr).replace(f"{COPY}/", "")
        output = output.replace(f"{COPY.relative_to(ROOT)}/", "")
        if output.strip():
            print(output.strip())
        status = status or run.returncode
    if fix:
        for name in files:
            if not filecmp.cmp(COPY / name, ROOT / name, shallow=False):
                shutil.copy2(COPY / name, ROOT / name)
                print(f"fixed {name}")
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
