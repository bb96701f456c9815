"""How a page looks on a small phone: its height in screens, and where the header, the H1 and the
summary end, for one page of each type (issue 18: the first screen should hold the H1 and the
summary).

    .venv/bin/python tools/measure_screens.py http://127.0.0.1:8000 [--width 320 --height 568]

Needs a running site with the loaded content (`make run`) and Chromium at /usr/bin/chromium
(or CHROMIUM_PATH). A summary that ends below the first screen is marked with "!"."""

import argparse
import os
import sys

from playwright.sync_api import sync_playwright

# One page of each type in the loaded content (content/), and the form's error state is left to the tests.
PAGES = [
    ("home", "/"),
    ("topic hub", "/understanding-mrd/"),
    ("information: What is MRD?", "/understanding-mrd/what-is-mrd/"),
    ("information: remission", "/understanding-mrd/remission/"),
    ("information: questions", "/understanding-mrd/questions-to-ask/"),
    ("glossary", "/understanding-mrd/glossary/"),
    ("events", "/events/"),
    ("event", "/events/riverside-10k/"),
    ("news", "/news/"),
    ("news story", "/news/new-mrd-website/"),
    ("donate", "/donate/"),
    ("giving", "/donate/why-donate/"),
    ("general", "/about/"),
    ("people", "/about/our-ambassadors/"),
    ("contact form", "/contact/"),
    ("search", "/search/?q=mrd"),
]

MEASURE = """() => {
  const bottom = (element) => element ? Math.round(element.getBoundingClientRect().bottom + scrollY) : null;
  const h1 = document.querySelector('main h1');
  return {
    page: document.documentElement.scrollHeight,
    header: bottom(document.querySelector('.site-header')),
    h1: bottom(h1),
    summary: bottom(document.querySelector('main .page-summary, main .hero__text')),
  };
}"""


def measure(base, width, height):
    rows = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"), args=["--no-sandbox"]
        )
        context = browser.new_context(
            viewport={"width": width, "height": height}, device_scale_factor=2, is_mobile=True, locale="en-GB"
        )
        page = context.new_page()
        for name, path in PAGES:
            response = page.goto(base.rstrip("/") + path)
            figures = page.evaluate(MEASURE)
            rows.append((name, path, response.status if response else None, figures))
        browser.close()
    return rows


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("base", help="the site's address, e.g. http://127.0.0.1:8000")
    parser.add_argument("--width", type=int, default=320)
    parser.add_argument("--height", type=int, default=568)
    args = parser.parse_args(argv)
    print(f"At {args.width}x{args.height}: bottom edges in px from the top of the page; '!' = below the first screen")
    print(f"{'page':30} {'screens':>7} {'header':>6} {'h1':>5} {'summary':>8}")
    for name, path, status, figures in measure(args.base, args.width, args.height):
        if status != 200:
            print(f"{name:30} HTTP {status} at {path}")
            continue
        summary = figures["summary"]
        flag = "!" if summary is not None and summary > args.height else " "
        print(
            f"{name:30} {figures['page'] / args.height:7.1f} {figures['header']:6} {figures['h1']:5} "
            f"{summary if summary is not None else '-':>7}{flag}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
