"""Decision kinds as shown in Danish."""

KIND_LABELS = {
    "approved": "Godkendt",
    "noted": "Taget til efterretning",
    "discussed": "Drøftet",
    "postponed": "Udsat",
    "none": "Ingen beslutning",
}


def kind_label(kind: str | None) -> str:
    return KIND_LABELS.get(kind or "none", "Ingen beslutning")
