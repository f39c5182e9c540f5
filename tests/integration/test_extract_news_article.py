"""A municipality's news article about its new promise: what the article says the promise
promises is read, also with the verb before its subject ("I löftet lovar polisen att …"); a list
of earlier promises under it ("Medborgarlöfte 2023–2024 (pdf)") is links to other documents, not
activities; the promise described in general ("lovar … att satsa på några särskilda saker") is no
activity. A text of our own writing."""

from __future__ import annotations

from kg.extract import extract_text

ARTICLE = "\n\n".join(
    [
        "Nytt medborgarlöfte för Sala",
        "Publicerad 12 mars 2025",
        "Varje år lovar polisen och Sala kommun att satsa på några särskilda saker för att öka "
        "tryggheten. Nu har de skrivit under ett nytt medborgarlöfte som gäller 2025–2026.",
        "– Vi vet att många undviker resecentrum på kvällarna och det vill vi ändra på, säger "
        "kommunpolis Erik Ek.",
        "I löftet lovar polisen att patrullera vid resecentrum varje fredag. Kommunen lovar att "
        "förbättra belysningen i gångtunneln under järnvägen.",
        "Dessutom ska polisen och kommunen genomföra en trygghetsvandring med invånarna varje höst.",
        "Tidigare medborgarlöften\n- Medborgarlöfte 2023–2024 (pdf)\n"
        "- Uppföljning av medborgarlöftet 2023 (pdf, 120 kB)\n",
    ]
)


def test_a_news_article_gives_what_the_promise_promises_and_not_its_links() -> None:
    result = extract_text(ARTICLE, source_name="sala.txt")
    descriptions = [a.description for a in result.activities]
    assert descriptions[0].startswith("I löftet lovar polisen att patrullera vid resecentrum")
    assert [str(r.party) for r in result.activities[0].responsible] == ["police"]
    assert any(d.startswith("Kommunen lovar att förbättra belysningen") for d in descriptions)
    assert any("trygghetsvandring" in d for d in descriptions)
    assert not any("Medborgarlöfte 2023" in d or "Uppföljning" in d for d in descriptions)
    assert not any("några särskilda saker" in d for d in descriptions)
    reasons = {o.reason.split(" / ")[0] for o in result.analysis.omissions}
    assert "en länk till ett annat löfte, inte en aktivitet" in reasons
