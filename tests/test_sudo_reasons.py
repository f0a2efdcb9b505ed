# Copyright 2026 party_points contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Issue 18, item 7: sudo with a reason. Every ``sudo()`` of the addon's
code says why the user's own rights do not serve, in a comment starting
``sudo:`` on its line or on the comment lines just above it (above the
statement, when the call sits inside a statement of several lines); a name
that receives a sudo recordset ends in ``_sudo``, as in Odoo's portal and
hr_holidays, so that nobody writes through it believing the user's rules
still apply."""

import ast
import io
import re
import tokenize
from pathlib import Path

from odoo.tests import TransactionCase, tagged
from odoo.tools import file_path

REASON = re.compile(r"#\s*sudo:\s*\S")

# Methods that, called on a sudo recordset, give back records still in sudo:
# ``x = rec.sudo().search(...)`` holds sudo records as much as ``rec.sudo()``.
RECORDSET_METHODS = {
    "browse",
    "create",
    "exists",
    "filtered",
    "filtered_domain",
    "search",
    "search_fetch",
    "sorted",
    "with_company",
    "with_context",
    "with_env",
    "with_prefetch",
}


def is_sudo_call(node):
    return (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == "sudo"
        # sudo(False) drops the superuser mode
        and not (
            node.args
            and isinstance(node.args[0], ast.Constant)
            and node.args[0].value is False
        )
    )


def is_sudo_recordset(node):
    """Whether the expression gives records in sudo: ``x.sudo()``,
    ``x.sudo().search(...)``, ``x.sudo().with_context(...).browse(...)``,
    ``x.sudo()[0]``, ``x.sudo().member_id``, ``a.sudo() if c else b.sudo()``,
    ``a.sudo() or b``, and the same from a name ending in ``_sudo``."""
    if is_sudo_call(node):
        return True
    if isinstance(node, ast.Name):
        # records taken from a name that holds sudo records
        return node.id.endswith("_sudo")
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
        value = node.func.value
        if isinstance(value, ast.Subscript):
            # ``x_sudo[field_name].filtered(...)``: a relational field's value
            value = value.value
        return node.func.attr in RECORDSET_METHODS and is_sudo_recordset(value)
    if isinstance(node, ast.Attribute):
        # a relational field of sudo records: in sudo too
        return node.attr.endswith(("_id", "_ids")) and is_sudo_recordset(node.value)
    if isinstance(node, ast.Subscript):
        # ``x_sudo[0]``, ``x_sudo[:1]``: records; ``x_sudo[name]`` may be any
        # field's value
        index = node.slice
        return (
            isinstance(index, ast.Slice)
            or (isinstance(index, ast.Constant) and isinstance(index.value, int))
        ) and is_sudo_recordset(node.value)
    if isinstance(node, ast.IfExp):
        return is_sudo_recordset(node.body) or is_sudo_recordset(node.orelse)
    if isinstance(node, ast.BoolOp):
        return any(is_sudo_recordset(value) for value in node.values)
    return False


def target_names(target):
    if isinstance(target, ast.Name):
        yield target
    elif isinstance(target, ast.Tuple | ast.List):
        for element in target.elts:
            yield from target_names(element)
    elif isinstance(target, ast.Starred):
        yield from target_names(target.value)


def scan(source, name="<source>"):
    """The faults of one python source: ``<name>:<line>: <what>``."""
    tree = ast.parse(source)
    lines = source.splitlines()
    comments = {}
    for token in tokenize.generate_tokens(io.StringIO(source).readline):
        if token.type == tokenize.COMMENT:
            comments.setdefault(token.start[0], []).append(token.string)

    def comment_only(number):
        return lines[number - 1].lstrip().startswith("#")

    def has_reason(first, last):
        """A ``sudo:`` comment on a line from ``first`` to ``last``, or in
        the block of comment lines just above ``first``."""
        numbers = list(range(first, last + 1))
        above = first - 1
        while above >= 1 and comment_only(above):
            numbers.append(above)
            above -= 1
        # a reason in several lines: its first line says "sudo:"
        return any(
            REASON.search(comment)
            for number in numbers
            for comment in comments.get(number, ())
        )

    faults = []
    parents = {}
    for node in ast.walk(tree):
        for child in ast.iter_child_nodes(node):
            parents[child] = node
    for node in ast.walk(tree):
        if not is_sudo_call(node):
            continue
        # the innermost statement holding the call
        statement = parents[node]
        while not isinstance(statement, ast.stmt):
            statement = parents[statement]
        line = node.func.end_lineno
        if not (has_reason(line, line) or has_reason(statement.lineno, line)):
            faults.append(f"{name}:{line}: sudo() without a '# sudo:' reason")

    for statement in ast.walk(tree):
        if isinstance(statement, ast.Assign | ast.AnnAssign | ast.AugAssign):
            targets = (
                statement.targets
                if isinstance(statement, ast.Assign)
                else [statement.target]
            )
            value = statement.value
        elif isinstance(statement, ast.For):
            targets, value = [statement.target], statement.iter
        else:
            continue
        if not is_sudo_recordset(value):
            continue
        for target in targets:
            for target_name in target_names(target):
                if not target_name.id.endswith("_sudo"):
                    faults.append(
                        f"{name}:{target_name.lineno}: '{target_name.id}' holds "
                        "sudo records: its name must end in '_sudo'"
                    )
    for node in ast.walk(tree):
        if isinstance(node, ast.NamedExpr) and is_sudo_recordset(node.value):
            if not node.target.id.endswith("_sudo"):
                faults.append(
                    f"{name}:{node.lineno}: '{node.target.id}' holds sudo "
                    "records: its name must end in '_sudo'"
                )
        if isinstance(node, ast.comprehension) and is_sudo_recordset(node.iter):
            for target_name in target_names(node.target):
                if not target_name.id.endswith("_sudo"):
                    faults.append(
                        f"{name}:{target_name.lineno}: '{target_name.id}' holds "
                        "sudo records: its name must end in '_sudo'"
                    )
    return sorted(set(faults), key=lambda fault: (int(fault.split(":")[1]), fault))


@tagged("post_install", "-at_install")
class TestSudoReasons(TransactionCase):
    def test_every_sudo_of_the_addon_says_why(self):
        root = Path(file_path("party_points/__manifest__.py")).parent
        faults = []
        sources = 0
        for path in sorted(root.rglob("*.py")):
            parts = path.relative_to(root).parts
            if parts[0] in ("build", "tests"):
                continue
            sources += 1
            faults += scan(path.read_text(), str(path.relative_to(root)))
        self.assertGreater(sources, 50)
        self.assertEqual(faults, [])

    def test_the_scan_finds_what_it_must(self):
        # The scanner itself: a bare sudo, a reason elsewhere than where the
        # call is, a sudo recordset in a name without the suffix.
        source = (
            "def f(self):\n"
            "    a = self.env['x'].sudo().search([])\n"
            "    # sudo: the member cannot read the branch's cards\n"
            "    cards_sudo = self.env['c'].sudo().search([])\n"
            "    n = self.sudo().name  # sudo: the name only\n"
            "    self.sudo().write({})\n"
            "\n"
            "    # sudo: a reason too far above\n"
            "    x = 1\n"
            "    self.sudo().unlink()\n"
            "    # sudo: a statement of several lines\n"
            "    value = self.env['y'].search_count(\n"
            "        [('id', 'in', self.sudo().ids)]\n"
            "    )\n"
            "    # sudo: the loop's records stay in sudo\n"
            "    for line in self.sudo().line_ids.filtered('x'):\n"
            "        pass\n"
            "    # sudo: the loop's records\n"
            "    for line_sudo in self.sudo().filtered('x'):\n"
            "        member = line_sudo.member_id\n"
            "    # sudo: an explicit end of the superuser mode is not sudo\n"
            "    b = self.sudo(False)\n"
        )
        bare = "sudo() without a '# sudo:' reason"
        named = "holds sudo records: its name must end in '_sudo'"
        self.assertEqual(
            scan(source),
            [
                f"<source>:2: 'a' {named}",
                f"<source>:2: {bare}",
                f"<source>:6: {bare}",
                f"<source>:10: {bare}",
                f"<source>:16: 'line' {named}",
                f"<source>:20: 'member' {named}",
            ],
        )
