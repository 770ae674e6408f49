#!/usr/bin/env python3
"""Independent facts about the two headline files of ../shared/data/text, for io.slipstream.ml.news tests.

Reads the files with pandas / the csv module (not with the Java loader) and prints the counts that
NewsLoaderRealFilesTest asserts. Normalised title = lower-case, every non-alphanumeric character replaced by a
space, white space collapsed (NewsLoader.normaliseTitle); day = UTC calendar day; cryptonews dates read as UTC.

Usage: python3 tools/news_facts.py [TEXT_DIR]   (default ../shared/data/text)
"""
import sys
import pandas as pd

d = sys.argv[1] if len(sys.argv) > 1 else "../shared/data/text"


def norm(s):
    s = s.lower()
    s = "".join(ch if (ch.isalnum() or ch.isspace()) else " " for ch in s)
    return " ".join(s.split())


p = pd.read_csv(f"{d}/cryptopanic_news.csv", keep_default_na=False)
t = pd.to_datetime(p.Time.str.replace(r"\s*\(.*\)\s*$", "", regex=True),
                   format="%a %b %d %Y %H:%M:%S GMT%z", utc=True)
p["k"] = p.Title.str.strip().map(norm)
p["day"] = t.dt.date
p = p.assign(t=t).sort_values("t", kind="stable")
print("cryptopanic rows", len(p))
print("cryptopanic exact duplicate rows", int(p.duplicated(subset=["Time", "Title", "Source", "Votes"]).sum()))
print("cryptopanic duplicates by normalised title + UTC day", int(p.duplicated(subset=["k", "day"]).sum()))
print("cryptopanic titles with a line break", int(p.Title.str.contains("\n").sum()))
print("cryptopanic UTC range", t.min(), t.max())

n = pd.read_csv(f"{d}/cryptonews.csv", sep=";", keep_default_na=False)
dt = pd.to_datetime(n.date, format="%d-%m-%Y %H:%M", utc=True)
print("cryptonews rows", len(n))
empty = n.title.str.strip() == ""
print("cryptonews empty titles", int(empty.sum()))
print("cryptonews empty urls", int((n.url.str.strip() == "").sum()))
print("cryptonews pandas url.duplicated() with NaN urls",
      int(pd.read_csv(f"{d}/cryptonews.csv", sep=";").url.duplicated().sum()))
print("cryptonews repeated non-empty urls", int(n[n.url != ""].url.duplicated().sum()))
k = n[~empty].assign(t=dt[~empty], k=n[~empty].title.str.strip().map(norm), day=dt[~empty].dt.date)
k = k.sort_values("t", kind="stable")
url_dup = (k.url != "") & k.url.duplicated()
print("cryptonews duplicates by normalised title + UTC day", int(k[~url_dup].duplicated(subset=["k", "day"]).sum()))
print("cryptonews UTC range", dt.min(), dt.max())
