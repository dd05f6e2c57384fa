import pytest

from wijkteam_kit.privacy import find_identifiers, is_bsn, privacy_message


@pytest.mark.parametrize("digits", ["111222333", "123456782", "010000008"])
def test_valid_bsn_numbers_pass_the_elfproef(digits):
    assert is_bsn(digits)


@pytest.mark.parametrize("digits", ["123456789", "000000000", "12345678", "1112223334", "abcdefghi"])
def test_other_numbers_are_not_bsn(digits):
    assert not is_bsn(digits)


@pytest.mark.parametrize(
    "text", ["06-12345678", "06 12 34 56 78", "0612345678", "+31 6 12345678", "010-1234567", "0031612345678"]
)
def test_phone_numbers_are_found(text):
    assert [w.kind for w in find_identifiers(f"Bel {text} morgen")] == ["telefoonnummer"]


@pytest.mark.parametrize(
    "text",
    [
        "In 2019 verhuisd",
        "schuld van 12500 euro",
        "postcode 9712 AB",
        "huisnummer 123, 3 kinderen",
        "dossier 2024-0315",
        "123456789",
    ],
)
def test_ordinary_numbers_give_no_warning(text):
    assert find_identifiers(text) == []


def test_message_names_every_hit():
    msg = privacy_message("BSN 111 222 333 en tel 06-12345678")
    assert "een BSN (111 222 333)" in msg and "telefoonnummer (06-12345678)" in msg
    assert privacy_message("niets bijzonders") == ""
