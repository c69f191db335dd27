"""Container numbers (ISO 6346): owner code, category, serial number and check digit."""

from __future__ import annotations

import re
import string
from typing import Any

from ..errors import InvalidInput

# How a number is often printed on documents: "CSQU 305438 3" or "CSQU 305438-3".
SPACED = re.compile(r"\b([A-Z]{4})[\s-]*(\d{6})[\s-]*(\d)\b")


def read_containers(text: str, _context: Any = None) -> list[str]:
    """Container numbers separated by commas, semicolons or spaces, in any case."""
    joined = SPACED.sub(r"\1\2\3", text.upper())
    numbers = [token.replace("-", "") for token in re.split(r"[,;\s]+", joined) if token]
    for number in numbers:
        if not is_container_number(number):
            raise InvalidInput("orders.error.bad_container", container=number)
    return list(dict.fromkeys(numbers))


def _letter_values() -> dict[str, int]:
    """A=10, B=12, ... Z=38: ISO 6346 counts up from 10 skipping multiples of 11."""
    values = [number for number in range(10, 39) if number % 11][:26]
    return dict(zip(string.ascii_uppercase, values, strict=True))


LETTER_VALUES = _letter_values()


def container_check_digit(first_ten: str) -> int:
    """ISO 6346: each character's value times 2**position, summed, mod 11 (10 counts as 0)."""
    total = sum(
        (LETTER_VALUES[char] if char.isalpha() else int(char)) * 2**index
        for index, char in enumerate(first_ten)
    )
    return total % 11 % 10


def is_container_number(number: str) -> bool:
    """Owner code (3 letters), category U/J/Z, 6 digits and the right check digit."""
    if not re.fullmatch(r"[A-Z]{3}[UJZ]\d{7}", number):
        return False
    return container_check_digit(number[:10]) == int(number[10])
