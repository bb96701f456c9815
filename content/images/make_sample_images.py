"""Draw the sample illustrations in content/images/ (cards, news, sample ambassadors) with Pillow.

They are simple shapes in the site's colours, made here so nothing is downloaded. Run it again
to remake them: `python content/images/make_sample_images.py`. Editors replace them with real
photographs in Wagtail."""

from pathlib import Path

from PIL import Image, ImageDraw

HERE = Path(__file__).resolve().parent
BRAND, DARK, SURFACE, LINK, WARM, PURPLE = "#005a70", "#003b4a", "#f4f6f7", "#0b5394", "#a14b00", "#5a2a82"
SIZE = (480, 270)


def canvas(background=SURFACE):
    image = Image.new("RGB", SIZE, background)
    return image, ImageDraw.Draw(image)


def news():
    image, draw = canvas()
    draw.rectangle((90, 50, 390, 220), fill="white", outline=DARK, width=6)
    draw.rectangle((115, 75, 365, 110), fill=BRAND)
    for y in (130, 155, 180):
        draw.rectangle((115, y, 365, y + 10), fill=LINK)
    return image


def events():
    image, draw = canvas()
    draw.line((160, 230, 160, 50), fill=DARK, width=10)
    draw.polygon([(165, 55), (330, 95), (165, 135)], fill=WARM)
    draw.ellipse((240, 170, 360, 230), fill=BRAND)
    return image


def research():
    image, draw = canvas()
    draw.ellipse((120, 45, 300, 225), outline=DARK, width=10)
    for x, y in ((170, 100), (220, 150), (240, 95), (180, 165)):
        draw.ellipse((x, y, x + 24, y + 24), fill=PURPLE)
    draw.line((280, 205, 370, 250), fill=DARK, width=16)
    return image


def ambassadors():
    image, draw = canvas()
    for x, colour in ((150, BRAND), (240, LINK), (330, PURPLE)):
        draw.ellipse((x - 30, 60, x + 30, 120), fill=colour)
        draw.rounded_rectangle((x - 45, 130, x + 45, 240), radius=30, fill=colour)
    return image


def policy():
    image, draw = canvas()
    draw.polygon([(120, 100), (240, 40), (360, 100)], fill=DARK)
    for x in (140, 200, 260, 320):
        draw.rectangle((x - 10, 110, x + 10, 210), fill=BRAND)
    draw.rectangle((110, 215, 370, 235), fill=DARK)
    return image


def trekking():
    image, draw = canvas("#e8f1f8")
    draw.polygon([(40, 240), (190, 60), (300, 240)], fill=BRAND)
    draw.polygon([(200, 240), (330, 100), (450, 240)], fill=DARK)
    draw.polygon([(165, 90), (190, 60), (215, 90)], fill="white")
    return image


def donate():
    image, draw = canvas()
    draw.ellipse((170, 70, 250, 150), fill=WARM)
    draw.ellipse((230, 70, 310, 150), fill=WARM)
    draw.polygon([(174, 125), (306, 125), (240, 215)], fill=WARM)
    return image


def wills():
    image, draw = canvas()
    draw.rectangle((130, 60, 350, 220), fill="white", outline=DARK, width=6)
    draw.line((130, 60, 240, 150, 350, 60), fill=DARK, width=6)
    draw.ellipse((220, 170, 260, 210), fill=PURPLE)
    return image


def launch():
    image, draw = canvas()
    draw.rounded_rectangle((150, 40, 330, 240), radius=18, fill=DARK)
    draw.rectangle((165, 65, 315, 205), fill="white")
    draw.rectangle((180, 80, 300, 100), fill=BRAND)
    for y in (115, 135, 155, 175):
        draw.rectangle((180, y, 300, y + 8), fill=LINK)
    return image


def person(colour):
    image = Image.new("RGB", (240, 240), SURFACE)
    draw = ImageDraw.Draw(image)
    draw.ellipse((80, 40, 160, 120), fill=colour)
    draw.pieslice((40, 130, 200, 290), 180, 360, fill=colour)
    return image


DRAWINGS = {
    "card-news.png": news,
    "card-events.png": events,
    "card-research.png": research,
    "card-ambassadors.png": ambassadors,
    "card-policy.png": policy,
    "card-trekking.png": trekking,
    "card-donate.png": donate,
    "card-wills.png": wills,
    "news-launch.png": launch,
    "person-parent.png": lambda: person(BRAND),
    "person-young.png": lambda: person(PURPLE),
    "person-fundraiser.png": lambda: person(WARM),
    "person-nurse.png": lambda: person(LINK),
}

if __name__ == "__main__":
    for name, draw in DRAWINGS.items():
        draw().save(HERE / name, optimize=True)
