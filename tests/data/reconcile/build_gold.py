"""Writes gold.json for the reconcile corpus from the hand-written spec below.

The spec is the ground truth, written by hand: for every document, the
sentences that retell a stored event (links), the sentences that tell an
event the store does not hold (unlinked), and every planted claim (a date or
a figure) with the interval a careful reader gives it (README.md, "Reading
values").  The stored versions each claim is compared with are listed by
hand too (STORE), with their sources, and checked against data/kb.json when
this script runs.

What the script derives, so that no pair is forgotten: each claim is
compared with the stored versions of its subject and with the claims of the
same subject in the documents before it (file-name order, the order the
benchmark ingests them).  Intervals that do not overlap are a disagreement;
intervals that overlap are an agreement.  Nothing here reads kb's extraction.

Run from the repository root:  python tests/data/reconcile/build_gold.py
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]
DOCS = HERE / "docs"


# ---------------------------------------------------------------- intervals
def ex(n):
    return (n, n)


def about(n):
    return (round(n * 0.9, 2), round(n * 1.1, 2))


# A lower bound reaches 10 % past its number (issue 12: "more than 100,000" and 120,000,
# "more than seventy towns" and 140 cities are disagreements); kb.model.claims reads it so.
def at_least(n):
    return (n, round(n * 1.1, 2))


def more_than(n):
    return (n, round(n * 1.1, 2))


def day(d):
    return (d, d)


def month(ym):
    import calendar
    y, m = map(int, ym.split("-"))
    return (f"{ym}-01", f"{ym}-{calendar.monthrange(y, m)[1]:02d}")


def year(y):
    return (f"{y}-01-01", f"{y}-12-31")


# ------------------------------------------------------------------- store
# (event, subject) -> [(value as written in the store, [sources], low, high)]
# Dates of an event itself use the subject "date".
STORE = {
    ("1965-mek-founded", "date"): [("September 6, 1965", ["000"], *day("1965-09-06"))],
    ("1971-savak-crackdown", "date"): [("August of 1971", ["000"], *month("1971-08"))],
    ("1971-savak-crackdown", "share of MEK members arrested in 1971"): [
        ("more than 80%", ["000"], 81, 100)],
    ("1971-monarchy-celebration", "date"): [("In August of 1971 ... nearing", ["000"], *year(1971))],
    ("1972-05-25-founders-executed", "date"): [("May 25, 1972", ["000"], *day("1972-05-25"))],
    ("1980-iran-iraq-war-begins", "date"): [("1980", ["000"], *year(1980))],
    ("1981-06-20-demonstration", "date"): [("June 20, 1981", ["000"], *day("1981-06-20"))],
    ("1981-06-20-demonstration", "people at the June 20, 1981 Tehran demonstration"): [
        ("500,000", ["000"], *ex(500000)),
        ("more than 500,000", ["000"], *more_than(500000))],
    ("1981-06-crackdown-on-mek", "date"): [
        ("Just before the June 20th demonstration", ["000"], *month("1981-06"))],
    ("1981-ncri-founded", "date"): [("July 21, 1981", ["000", "001"], *day("1981-07-21"))],
    ("1981-07-29-mek-leaders-leave-iran", "date"): [("July 29th", ["000", "001"], *day("1981-07-29"))],
    ("1982-09-10-rajavi-aziz-peace-agreement", "date"): [
        ("September 10, 1982", ["000"], *day("1982-09-10"))],
    ("1982-09-10-rajavi-aziz-peace-agreement", "politicians endorsing the 1982 peace agreement"): [
        ("5,000", ["000"], *ex(5000))],
    ("1982-09-10-rajavi-aziz-peace-agreement",
     "countries of the politicians endorsing the 1982 peace agreement"): [("57", ["000"], *ex(57))],
    ("1986-mek-relocates-to-iraq", "date"): [("June 7, 1986", ["000"], *day("1986-06-07"))],
    ("1987-06-20-nla-founded", "date"): [("June 20, 1987", ["000"], *day("1987-06-20"))],
    ("1988-iran-iraq-ceasefire", "date"): [("1988", ["000", "001"], *year(1988))],
    ("1988-07-operation-eternal-light", "date"): [
        ("from July 2 to July 5, 1988", ["000"], "1988-07-02", "1988-07-05")],
    ("1988-07-operation-eternal-light", "NLA dead in Operation Eternal Light"): [
        ("1,304", ["000"], *ex(1304))],
    ("1988-khomeini-execution-fatwa", "date"): [
        ("in the closing days of the Iran-Iraq War", ["000"], "1988-01-01", "1988-07-28")],
    ("1988-massacre", "date"): [
        ("July 28, 1988 ... Throughout a single summer", ["000"], "1988-07-28", "1988-08-31")],
    ("1988-massacre", "start of the 1988 executions"): [("July 28, 1988", ["000"], *day("1988-07-28"))],
    ("1988-massacre", "people killed in the 1988 executions"): [
        ("more than 30,000", ["000"], *more_than(30000)),
        ("30,000", ["000", "004"], *ex(30000))],
    ("1988-massacre", "members of each Death Commission"): [("three", ["000"], *ex(3))],
    ("1988-massacre", "length of the 1988 executions"): [
        ("Throughout a single summer", ["000"], 0, 3),
        ("within a two-month period", ["004"], 0, 2)],
    ("1988-montazeri-protest-letter", "date"): [
        ("During the massacre", ["000"], "1988-07-28", "1988-08-31")],
    ("1989-khomeini-dies", "date"): [("1989", ["000"], *year(1989))],
    ("1989-khamenei-becomes-supreme-leader", "date"): [("1989", ["000"], *year(1989))],
    ("1997-us-fto-designation", "date"): [("1997", ["000"], *year(1997))],
    ("2008-06-mek-paris-gathering", "date"): [("June 2008", ["004"], *month("2008-06"))],
    ("2008-06-mek-paris-gathering", "people at the June 2008 Paris gathering"): [
        ("Tens of thousands", ["004"], 10000, 99999)],
    ("2009-montazeri-dies", "date"): [("2009", ["000"], *year(2009))],
    ("2012-us-delisting", "date"): [("2012", ["000"], *year(2012))],
    ("camp-ashraf-and-liberty-attacks", "date"): [
        ("before their residents were finally relocated to Albania", ["000"],
         "1986-06-07", "2016-12-31")],
    ("2016-2018-relocation-to-albania", "date"): [("In 2016", ["000", "001"], *year(2016))],
    ("2017-12-uprising", "date the 2017-2018 protests began"): [
        ("started in December 2017", ["000", "001"], *month("2017-12")),
        ("late 2017", ["002"], "2017-09-01", "2017-12-31")],
    ("2017-12-uprising", "cities"): [
        ("140", ["000", "001"], *ex(140)),
        ("142", ["000"], *ex(142)),
        ("150", ["002"], *ex(150))],
    ("2017-12-uprising", "provinces the 2017-2018 protests reached"): [
        ("all 31", ["002"], *ex(31)),
        ("every province", ["000"], *ex(31))],
    ("2017-12-uprising", "people killed in the 2017-2018 protests"): [
        ("at least 36", ["000", "001"], *at_least(36))],
    ("2017-12-uprising", "people arrested during the 2017-2018 uprisings and later protests"): [
        ("about 7,000", ["000", "001"], *about(7000)),
        ("at least 4,600", ["000", "001"], *at_least(4600)),
        ("around 8,000", ["000", "001"], *about(8000))],
    ("2018-2019-truckers-strikes", "date"): [
        ("In the past 12 months up to June 2019", ["000", "001"], "2018-07-01", "2019-06-30")],
    ("2018-2019-truckers-strikes", "cities with truckers' strikes, 2018-2019"): [
        ("323", ["000", "001"], *ex(323))],
    ("2019-04-19-alavi-resistance-units-arrests", "date"): [
        ("April 19, 2019", ["000", "001"], *day("2019-04-19")),
        ("Earlier in 2019", ["003"], *year(2019))],
    ("2019-04-19-alavi-resistance-units-arrests", "MEK Resistance Units arrested in the year to April 2019"): [
        ("116", ["000", "001", "003"], *ex(116))],
    ("2019-11-uprising", "date"): [("November 2019", ["000"], *month("2019-11"))],
    ("2019-11-uprising", "cities the November 2019 protests reached"): [
        ("at least 191", ["000", "001"], *at_least(191)),
        ("191", ["002"], *ex(191))],
    ("2019-11-uprising", "people killed in the November 2019 protests"): [
        ("some 1500", ["000", "001"], *about(1500)),
        ("1,500", ["002", "003"], *ex(1500)),
        ("1500", ["004"], *ex(1500))],
    ("2019-11-uprising", "people arrested in the November 2019 protests"): [
        ("12000", ["000", "001"], *ex(12000))],
    ("2019-11-uprising", "people injured in the November 2019 protests"): [
        ("4000", ["000", "001"], *ex(4000))],
    ("2019-11-uprising", "time the November 2019 protests took to spread nationwide"): [
        ("24", ["000", "001"], 1, 1)],     # 24 hours; durations of this subject in days
    ("2019-11-officials-blame-mek", "date"): [
        ("One day after the beginning of protests", ["000", "001"], *month("2019-11"))],
    ("2019-11-internet-shutdown", "date"): [("November 2019", ["000"], *month("2019-11"))],
    ("2019-11-internet-shutdown", "length of the November 2019 internet shutdown"): [
        ("more than a week", ["000", "001"], *more_than(7))],
    ("2019-12-15-mek-death-toll-report", "date"): [
        ("December 15, 2019", ["000"], *day("2019-12-15"))],
    ("2019-12-23-reuters-special-report", "date"): [
        ("December 23, 2019", ["000"], *day("2019-12-23"))],
    ("2019-12-23-reuters-special-report", "Interior Ministry sources cited by Reuters"): [
        ("three", ["000", "001"], *ex(3))],
    ("2020-01-soleimani-killed", "date"): [("earlier this month", ["003"], *month("2020-01"))],
    ("2020-01-airliner-shot-down", "date"): [("January 2020", ["000"], *month("2020-01"))],
    ("2020-01-airliner-shot-down", "people killed on the Ukrainian airliner"): [
        ("176", ["000", "001", "002"], *ex(176))],
    ("2020-01-protests", "date"): [("January 2020", ["000"], *month("2020-01"))],
    ("2020-01-protests", "cities the January 2020 protests reached"): [
        ("Some 40", ["003"], *about(40))],
}

# Subjects that are one part of a stored event spread over time: compared
# with the stored event's own date, and with other documents only under the
# same subject.
CAMP = "camp-ashraf-and-liberty-attacks"
STORE_KEY = {
    (CAMP, "date of the 9 February 2013 rocket attack on Camp Liberty"): (CAMP, "date"),
    (CAMP, "date of the April 2011 raid on Camp Ashraf"): (CAMP, "date"),
    (CAMP, "date of the 1 September 2013 attack on Camp Ashraf"): (CAMP, "date"),
}

# ------------------------------------------------------------------- docs
# claim: (quote, event, measure, subject, value as written, low, high, attribution)
D = "date"


def c(quote, event, measure, subject, value, lo_hi, attribution=""):
    return {"quote": quote, "event": event, "measure": measure, "subject": subject,
            "value": value, "low": lo_hi[0], "high": lo_hi[1], "attribution": attribution}


SPEC = {
    "d01_anniversary_news.txt": {
        "links": [
            ("The organisation was set up on 6 September 1965", "1965-mek-founded"),
            ("In August 1971, the Shah's secret police", "1971-savak-crackdown"),
            ("On 25 May 1972, the three founders", "1972-05-25-founders-executed"),
            ("In July 1981 Massoud Rajavi founded the National Council", "1981-ncri-founded"),
            ("At a rally near Paris in June 2008", "2008-06-mek-paris-gathering"),
        ],
        "unlinked": [
            "In January 1965, months before the founding, Prime Minister Hassan Ali Mansur",
            "In November 1979, students loyal to Ayatollah Khomeini occupied",
        ],
        "claims": [
            c("The organisation was set up on 6 September 1965", "1965-mek-founded", D, "date",
              "6 September 1965", day("1965-09-06")),
            c("In August 1971, the Shah's secret police", "1971-savak-crackdown", D, "date",
              "August 1971", month("1971-08")),
            c("On 25 May 1972, the three founders", "1972-05-25-founders-executed", D, "date",
              "25 May 1972", day("1972-05-25")),
            c("In July 1981 Massoud Rajavi founded the National Council", "1981-ncri-founded", D,
              "date", "July 1981", month("1981-07")),
            c("At a rally near Paris in June 2008", "2008-06-mek-paris-gathering", D, "date",
              "June 2008", month("2008-06")),
            c("tens of thousands of supporters filled an exhibition centre",
              "2008-06-mek-paris-gathering", "participants", "people at the June 2008 Paris gathering",
              "tens of thousands", (10000, 99999), "according to the organisers"),
        ],
    },
    "d02_encyclopedia_mek.md": {
        "links": [
            ("It was founded in Tehran on 2 September 1965", "1965-mek-founded"),
            ("In 1971 the security service arrested most of its cadres", "1971-savak-crackdown"),
            ("On 20 June 1981 the organisation called a mass protest", "1981-06-20-demonstration"),
            ("In June 1986 the leadership moved from France to Iraq", "1986-mek-relocates-to-iraq"),
            ("Political prisoners from the movement were executed in large numbers", "1988-massacre"),
            ("In October 1997 the United States designated", "1997-us-fto-designation"),
            ("In September 2012 the State Department revoked", "2012-us-delisting"),
        ],
        "unlinked": [
            "In 2003 US troops disarmed the residents of Camp Ashraf",
        ],
        "claims": [
            c("It was founded in Tehran on 2 September 1965", "1965-mek-founded", D, "date",
              "2 September 1965", day("1965-09-02")),
            c("In 1971 the security service arrested most of its cadres", "1971-savak-crackdown", D,
              "date", "1971", year(1971)),
            c("On 20 June 1981 the organisation called a mass protest", "1981-06-20-demonstration", D,
              "date", "20 June 1981", day("1981-06-20")),
            c("which some 500,000 people joined", "1981-06-20-demonstration", "participants",
              "people at the June 20, 1981 Tehran demonstration", "some 500,000", about(500000)),
            c("In June 1986 the leadership moved from France to Iraq", "1986-mek-relocates-to-iraq",
              D, "date", "June 1986", month("1986-06")),
            c("Political prisoners from the movement were executed in large numbers", "1988-massacre",
              D, "date", "the summer of 1988", ("1988-06-01", "1988-08-31")),
            c("the group puts the number of dead at about 30,000", "1988-massacre", "deaths",
              "people killed in the 1988 executions", "about 30,000", about(30000), "the group"),
            c("In October 1997 the United States designated", "1997-us-fto-designation", D, "date",
              "October 1997", month("1997-10")),
            c("In September 2012 the State Department revoked", "2012-us-delisting", D, "date",
              "September 2012", month("2012-09")),
        ],
    },
    "d03_memoir_june_1981.txt": {
        "links": [
            ("In June 1981 I joined the great march through Tehran", "1981-06-20-demonstration"),
            ("On 21 July we heard that Rajavi had founded the National Council", "1981-ncri-founded"),
            ("At the end of July he flew out of the country to France", "1981-07-29-mek-leaders-leave-iran"),
        ],
        "unlinked": [
            "The next day, parliament voted President Banisadr out of office",
            "On 28 June a huge bomb wrecked the headquarters of the Islamic Republican Party",
        ],
        "claims": [
            c("In June 1981 I joined the great march through Tehran", "1981-06-20-demonstration", D,
              "date", "June 1981", month("1981-06")),
            c("We were, I would guess, about 200,000 people", "1981-06-20-demonstration",
              "participants", "people at the June 20, 1981 Tehran demonstration", "about 200,000",
              about(200000), "the author's guess"),
            c("By the evening we learned that at least 50 people were shot dead",
              "1981-06-20-demonstration", "deaths", "people killed at the June 20, 1981 demonstration",
              "at least 50", at_least(50)),
            c("On 21 July we heard that Rajavi had founded the National Council", "1981-ncri-founded",
              D, "date", "21 July", day("1981-07-21")),
            c("At the end of July he flew out of the country to France",
              "1981-07-29-mek-leaders-leave-iran", D, "date", "the end of July",
              ("1981-07-21", "1981-07-31")),
        ],
    },
    "d04_timeline_war_1980_1989.md": {
        "links": [
            ("22 September 1980: Iraqi forces cross the border", "1980-iran-iraq-war-begins"),
            ("10 September 1982: In Paris, Massoud Rajavi and Iraqi foreign minister Tariq Aziz",
             "1982-09-10-rajavi-aziz-peace-agreement"),
            ("20 June 1987: Rajavi announces the creation of the National Liberation Army",
             "1987-06-20-nla-founded"),
            ("18 July 1988: Tehran accepts UN Security Council Resolution 598",
             "1988-iran-iraq-ceasefire"),
            ("25-29 July 1988: The National Liberation Army launches Operation Eternal Light",
             "1988-07-operation-eternal-light"),
            ("Late July 1988: Khomeini issues a secret decree", "1988-khomeini-execution-fatwa"),
            ("28 July 1988: Mass hangings of political prisoners begin", "1988-massacre"),
            ("July-August 1988: Ayatollah Montazeri writes to Khomeini",
             "1988-montazeri-protest-letter"),
            ("3 June 1989: Ayatollah Khomeini dies in Tehran", "1989-khomeini-dies"),
            ("4 June 1989: The Assembly of Experts chooses Ali Khamenei",
             "1989-khamenei-becomes-supreme-leader"),
        ],
        "unlinked": [
            "24 April 1980: A US mission to rescue the hostages",
            "3 July 1988: The US cruiser Vincennes shoots down Iran Air Flight 655",
        ],
        "claims": [
            c("22 September 1980: Iraqi forces cross the border", "1980-iran-iraq-war-begins", D,
              "date", "22 September 1980", day("1980-09-22")),
            c("10 September 1982: In Paris, Massoud Rajavi and Iraqi foreign minister Tariq Aziz",
              "1982-09-10-rajavi-aziz-peace-agreement", D, "date", "10 September 1982",
              day("1982-09-10")),
            c("backed by some 5,000 lawmakers", "1982-09-10-rajavi-aziz-peace-agreement",
              "endorsements", "politicians endorsing the 1982 peace agreement", "some 5,000",
              about(5000), "the opposition"),
            c("from 57 countries", "1982-09-10-rajavi-aziz-peace-agreement", "countries",
              "countries of the politicians endorsing the 1982 peace agreement", "57", ex(57),
              "the opposition"),
            c("20 June 1987: Rajavi announces the creation of the National Liberation Army",
              "1987-06-20-nla-founded", D, "date", "20 June 1987", day("1987-06-20")),
            c("18 July 1988: Tehran accepts UN Security Council Resolution 598",
              "1988-iran-iraq-ceasefire", D, "date", "18 July 1988", day("1988-07-18")),
            c("25-29 July 1988: The National Liberation Army launches Operation Eternal Light",
              "1988-07-operation-eternal-light", D, "date", "25-29 July 1988",
              ("1988-07-25", "1988-07-29")),
            c("the group later gives its own dead as about 1,300", "1988-07-operation-eternal-light",
              "losses", "NLA dead in Operation Eternal Light", "about 1,300", about(1300), "the group"),
            c("Late July 1988: Khomeini issues a secret decree", "1988-khomeini-execution-fatwa",
              D, "date", "Late July 1988", ("1988-07-21", "1988-07-31")),
            c("28 July 1988: Mass hangings of political prisoners begin", "1988-massacre", D,
              "start of the 1988 executions", "28 July 1988", day("1988-07-28")),
            c("July-August 1988: Ayatollah Montazeri writes to Khomeini",
              "1988-montazeri-protest-letter", D, "date", "July-August 1988",
              ("1988-07-01", "1988-08-31")),
            c("3 June 1989: Ayatollah Khomeini dies in Tehran", "1989-khomeini-dies", D, "date",
              "3 June 1989", day("1989-06-03")),
            c("4 June 1989: The Assembly of Experts chooses Ali Khamenei",
              "1989-khamenei-becomes-supreme-leader", D, "date", "4 June 1989", day("1989-06-04")),
        ],
    },
    "d05_retrospective_june_1981.html": {
        "links": [
            ("Four decades ago today, the streets of central Tehran filled", "1981-06-20-demonstration"),
            ("On the afternoon of 20 June 1981, some 500,000 marchers gathered",
             "1981-06-20-demonstration"),
            ("In June 1981 the government launched a campaign of arrests and executions",
             "1981-06-crackdown-on-mek"),
        ],
        "unlinked": [
            "On 30 August 1981 a bomb in the prime minister's office killed President Mohammad Ali Rajai",
        ],
        "claims": [
            c("Four decades ago today, the streets of central Tehran filled",
              "1981-06-20-demonstration", D, "date", "Four decades ago today (20 June 2021)",
              day("1981-06-20")),
            c("On the afternoon of 20 June 1981, some 500,000 marchers gathered",
              "1981-06-20-demonstration", D, "date", "20 June 1981", day("1981-06-20")),
            c("On the afternoon of 20 June 1981, some 500,000 marchers gathered",
              "1981-06-20-demonstration", "participants",
              "people at the June 20, 1981 Tehran demonstration", "some 500,000", about(500000),
              "according to the organisers"),
            c("Officials said at the time that 15 people had died", "1981-06-20-demonstration",
              "deaths", "people killed at the June 20, 1981 demonstration", "15", ex(15),
              "officials said"),
            c("In June 1981 the government launched a campaign of arrests and executions",
              "1981-06-crackdown-on-mek", D, "date", "June 1981", month("1981-06")),
        ],
    },
    "d06_ngo_1988_report.txt": {
        "links": [
            ("According to former prisoners interviewed for this report, the mass hangings started",
             "1988-massacre"),
            ("In a letter of 31 July 1988, according to copies later published by his family",
             "1988-montazeri-protest-letter"),
            ("Montazeri, who died in December 2009 in Qom", "2009-montazeri-dies"),
        ],
        "unlinked": [
            "on 16 March 1988, Iraqi aircraft dropped chemical weapons on the Kurdish town of Halabja",
        ],
        "claims": [
            c("According to former prisoners interviewed for this report, the mass hangings started",
              "1988-massacre", D, "start of the 1988 executions", "mid-July 1988",
              ("1988-07-11", "1988-07-20"), "according to former prisoners"),
            c("had three members each", "1988-massacre", "commission members",
              "members of each Death Commission", "three", ex(3), "according to several witnesses"),
            c("According to Amnesty International, between 4,000 and 5,000 prisoners were killed",
              "1988-massacre", "deaths", "people killed in the 1988 executions",
              "between 4,000 and 5,000", (4000, 5000), "according to Amnesty International"),
            c("the killings went on over a period of about five months", "1988-massacre", "duration",
              "length of the 1988 executions", "about five months", about(5), "the report"),
            c("In a letter of 31 July 1988, according to copies later published by his family",
              "1988-montazeri-protest-letter", D, "date", "31 July 1988", day("1988-07-31")),
            c("Montazeri, who died in December 2009 in Qom", "2009-montazeri-dies", D, "date",
              "December 2009", month("2009-12")),
        ],
    },
    "d07_news_november_2019.html": {
        "links": [
            ("The unrest began on 15 November 2019", "2019-11-uprising"),
            ("On 16 November the authorities shut down the internet nationwide",
             "2019-11-internet-shutdown"),
        ],
        "unlinked": [
            "On 27 November protesters in Iraq set fire to the Iranian consulate in Najaf",
        ],
        "claims": [
            c("The unrest began on 15 November 2019", "2019-11-uprising", D, "date",
              "15 November 2019", day("2019-11-15")),
            c("the protests soon reached more than 100 cities", "2019-11-uprising", "cities",
              "cities the November 2019 protests reached", "more than 100", more_than(100)),
            c("On 16 November the authorities shut down the internet nationwide",
              "2019-11-internet-shutdown", D, "date", "16 November", day("2019-11-16")),
            c("leaving most Iranians offline for about five days", "2019-11-internet-shutdown",
              "duration", "length of the November 2019 internet shutdown", "about five days",
              about(5)),
            c("Amnesty International said it had recorded the deaths of 208 people",
              "2019-11-uprising", "deaths", "people killed in the November 2019 protests", "208",
              ex(208), "Amnesty International said"),
            c("about 7,000 people had been detained", "2019-11-uprising", "arrests",
              "people arrested in the November 2019 protests", "about 7,000", about(7000),
              "Amnesty International"),
        ],
    },
    "d08_ngo_november_2019_followup.txt": {
        "links": [
            ("The People's Mojahedin Organization of Iran published its own tally on 15 December 2019",
             "2019-12-15-mek-death-toll-report"),
            ("Reuters reported on 23 December 2019", "2019-12-23-reuters-special-report"),
        ],
        "unlinked": [
            "Earlier this month the head of parliament's national security committee, Mojtaba Zolnour",
        ],
        "claims": [
            c("The People's Mojahedin Organization of Iran published its own tally on 15 December 2019",
              "2019-12-15-mek-death-toll-report", D, "date", "15 December 2019", day("2019-12-15")),
            c("about 4,000 people were wounded during the protests", "2019-11-uprising", "injured",
              "people injured in the November 2019 protests", "about 4,000", about(4000),
              "according to the same briefing (the MEK's)"),
            c("Reuters reported on 23 December 2019", "2019-12-23-reuters-special-report", D, "date",
              "23 December 2019", day("2019-12-23")),
            c("citing three Interior Ministry officials", "2019-12-23-reuters-special-report",
              "sources", "Interior Ministry sources cited by Reuters", "three", ex(3), "Reuters"),
            c("about 1,500 people had been killed in under two weeks of unrest", "2019-11-uprising",
              "deaths", "people killed in the November 2019 protests", "about 1,500", about(1500),
              "Reuters reported"),
            c("Mojtaba Zolnour, put the number of dead at 230", "2019-11-uprising", "deaths",
              "people killed in the November 2019 protests", "230", ex(230),
              "Mojtaba Zolnour, head of parliament's national security committee"),
            c("According to Amnesty International, at least 7,000 people were arrested",
              "2019-11-uprising", "arrests", "people arrested in the November 2019 protests",
              "at least 7,000", at_least(7000), "according to Amnesty International"),
            c("the protests touched some 80 cities", "2019-11-uprising", "cities",
              "cities the November 2019 protests reached", "some 80", about(80),
              "according to the briefing's authors"),
        ],
    },
    "d09_encyclopedia_2017_protests.md": {
        "links": [
            ("The protests began in Mashhad on 28 December 2017", "2017-12-uprising"),
            ("In the autumn of 2018 truck drivers struck across the country",
             "2018-2019-truckers-strikes"),
        ],
        "unlinked": [
            "the Green Movement, which filled the streets of Tehran after the disputed presidential election of June 2009",
            "the movement that began in September 2022 after the death in custody of Mahsa Amini",
        ],
        "claims": [
            c("The protests began in Mashhad on 28 December 2017", "2017-12-uprising", D,
              "date the 2017-2018 protests began", "28 December 2017", day("2017-12-28")),
            c("Within days they had spread to about 100 cities and towns", "2017-12-uprising",
              "cities", "cities", "about 100", about(100)),
            c("reaching 25 of the country's 31 provinces", "2017-12-uprising", "provinces",
              "provinces the 2017-2018 protests reached", "25", ex(25)),
            c("At least 25 people were killed in clashes with security forces", "2017-12-uprising",
              "deaths", "people killed in the 2017-2018 protests", "At least 25", at_least(25),
              "according to figures compiled by journalists"),
            c("Thousands were detained", "2017-12-uprising", "arrests",
              "people arrested during the 2017-2018 uprisings and later protests", "Thousands",
              (1000, 9999)),
            c("In the autumn of 2018 truck drivers struck across the country",
              "2018-2019-truckers-strikes", D, "date", "the autumn of 2018",
              ("2018-09-01", "2018-11-30")),
            c("the stoppage spread to more than 300 cities", "2018-2019-truckers-strikes", "cities",
              "cities with truckers' strikes, 2018-2019", "more than 300", more_than(300)),
        ],
    },
    "d10_memoir_camps_iraq.txt": {
        "links": [
            ("In June 1986 the leadership moved from Paris to Iraq", "1986-mek-relocates-to-iraq"),
            ("On 9 February 2013 rockets fell on Camp Liberty", CAMP),
            ("On 1 September 2013 gunmen attacked Ashraf", CAMP),
            ("In September 2016 the last of us left Liberty for Albania",
             "2016-2018-relocation-to-albania"),
        ],
        "unlinked": [
            "In April 2003 American troops arrived at Camp Ashraf and took away our weapons",
        ],
        "claims": [
            c("In June 1986 the leadership moved from Paris to Iraq", "1986-mek-relocates-to-iraq",
              D, "date", "June 1986", month("1986-06")),
            c("On 9 February 2013 rockets fell on Camp Liberty", CAMP, D,
              "date of the 9 February 2013 rocket attack on Camp Liberty", "9 February 2013",
              day("2013-02-09")),
            c("killing seven of my friends", CAMP, "deaths",
              "people killed in the 9 February 2013 rocket attack on Camp Liberty", "seven", ex(7)),
            c("wounding more than a hundred others", CAMP, "injured",
              "people injured in the 9 February 2013 rocket attack on Camp Liberty",
              "more than a hundred", more_than(100)),
            c("On 1 September 2013 gunmen attacked Ashraf", CAMP, D,
              "date of the 1 September 2013 attack on Camp Ashraf", "1 September 2013",
              day("2013-09-01")),
            c("killed 52 residents", CAMP, "deaths",
              "people killed in the 1 September 2013 attack on Camp Ashraf", "52", ex(52)),
            c("In September 2016 the last of us left Liberty for Albania",
              "2016-2018-relocation-to-albania", D, "date", "September 2016", month("2016-09")),
        ],
    },
    "d11_timeline_2017_2020.md": {
        "links": [
            ("28 December 2017: Protests over prices break out in Mashhad", "2017-12-uprising"),
            ("19 April 2019: Intelligence minister Mahmoud Alavi says",
             "2019-04-19-alavi-resistance-units-arrests"),
            ("15 November 2019: The government raises petrol prices", "2019-11-uprising"),
            ("16 November 2019: Internet access is cut across the country",
             "2019-11-internet-shutdown"),
            ("23 December 2019: A Reuters investigation", "2019-12-23-reuters-special-report"),
            ("3 January 2020: Qassem Soleimani, commander of the Quds Force, is killed",
             "2020-01-soleimani-killed"),
            ("8 January 2020: Shortly after take-off from Tehran", "2020-01-airliner-shot-down"),
            ("11 January 2020: After the authorities admit", "2020-01-protests"),
        ],
        "unlinked": [
            "31 December 2019: Supporters of Iraqi militias storm the outer compound",
            "8 January 2020: Iran fires ballistic missiles at the Ain al-Asad air base",
        ],
        "claims": [
            c("28 December 2017: Protests over prices break out in Mashhad", "2017-12-uprising",
              D, "date the 2017-2018 protests began", "28 December 2017", day("2017-12-28")),
            c("spread within a week to more than 80 cities", "2017-12-uprising", "cities", "cities",
              "more than 80", more_than(80)),
            c("19 April 2019: Intelligence minister Mahmoud Alavi says",
              "2019-04-19-alavi-resistance-units-arrests", D, "date", "19 April 2019",
              day("2019-04-19")),
            c("says 116 teams linked to the Mojahedin", "2019-04-19-alavi-resistance-units-arrests",
              "arrests", "MEK Resistance Units arrested in the year to April 2019", "116", ex(116),
              "Mahmoud Alavi says"),
            c("15 November 2019: The government raises petrol prices", "2019-11-uprising", D,
              "date", "15 November 2019", day("2019-11-15")),
            c("16 November 2019: Internet access is cut across the country",
              "2019-11-internet-shutdown", D, "date", "16 November 2019", day("2019-11-16")),
            c("stays down for more than ten days", "2019-11-internet-shutdown", "duration",
              "length of the November 2019 internet shutdown", "more than ten days", more_than(10)),
            c("23 December 2019: A Reuters investigation", "2019-12-23-reuters-special-report",
              D, "date", "23 December 2019", day("2019-12-23")),
            c("puts the toll of the November crackdown at 1,500 dead", "2019-11-uprising", "deaths",
              "people killed in the November 2019 protests", "1,500", ex(1500), "Reuters"),
            c("3 January 2020: Qassem Soleimani, commander of the Quds Force, is killed",
              "2020-01-soleimani-killed", D, "date", "3 January 2020", day("2020-01-03")),
            c("8 January 2020: Shortly after take-off from Tehran", "2020-01-airliner-shot-down",
              D, "date", "8 January 2020", day("2020-01-08")),
            c("all 176 people on board die", "2020-01-airliner-shot-down", "deaths",
              "people killed on the Ukrainian airliner", "176", ex(176)),
            c("11 January 2020: After the authorities admit", "2020-01-protests", D, "date",
              "11 January 2020", day("2020-01-11")),
            c("the protests spread to more than 60 cities", "2020-01-protests", "cities",
              "cities the January 2020 protests reached", "more than 60", more_than(60)),
        ],
    },
    "d12_feature_1971_1972.txt": {
        "links": [
            ("Forty years ago this spring, three young men were taken from their cells",
             "1972-05-25-founders-executed"),
            ("In the autumn of 1971, SAVAK agents rounded up the Mojahedin", "1971-savak-crackdown"),
            ("In October 1971 the Shah staged celebrations at Persepolis", "1971-monarchy-celebration"),
            ("The three founders were shot in April 1972", "1972-05-25-founders-executed"),
        ],
        "unlinked": [
            "In February 1971 a band of Marxist guerrillas attacked a gendarmerie post at Siahkal",
        ],
        "claims": [
            c("Forty years ago this spring, three young men were taken from their cells",
              "1972-05-25-founders-executed", D, "date", "Forty years ago this spring (May 2012)",
              ("1972-03-01", "1972-05-31")),
            c("In the autumn of 1971, SAVAK agents rounded up the Mojahedin", "1971-savak-crackdown",
              D, "date", "the autumn of 1971", ("1971-09-01", "1971-11-30")),
            c("caught roughly half of the group's members", "1971-savak-crackdown", "arrests",
              "share of MEK members arrested in 1971", "roughly half", (45, 55),
              "former members say"),
            c("In October 1971 the Shah staged celebrations at Persepolis",
              "1971-monarchy-celebration", D, "date", "October 1971", month("1971-10")),
            c("The three founders were shot in April 1972", "1972-05-25-founders-executed", D,
              "date", "April 1972", month("1972-04"), "according to several former prisoners"),
        ],
    },
    "d13_news_liberty_rockets.html": {
        "links": [
            ("Rockets and mortar rounds struck Camp Liberty", CAMP),
            ("In April 2011 Iraqi troops stormed Camp Ashraf", CAMP),
        ],
        "unlinked": [
            "On 1 January 2009 the US military handed responsibility for Ashraf to the Iraqi government",
        ],
        "claims": [
            c("Rockets and mortar rounds struck Camp Liberty", CAMP, D,
              "date of the 9 February 2013 rocket attack on Camp Liberty",
              "early on Saturday morning (9 February 2013)", day("2013-02-09")),
            c("At least five residents were killed in the barrage", CAMP, "deaths",
              "people killed in the 9 February 2013 rocket attack on Camp Liberty", "At least five",
              at_least(5), "Iraqi police said"),
            c("about 50 were wounded", CAMP, "injured",
              "people injured in the 9 February 2013 rocket attack on Camp Liberty", "about 50",
              about(50), "Iraqi police said"),
            c("In April 2011 Iraqi troops stormed Camp Ashraf", CAMP, D,
              "date of the April 2011 raid on Camp Ashraf", "April 2011", month("2011-04")),
            c("killing 34 residents", CAMP, "deaths",
              "people killed in the April 2011 raid on Camp Ashraf", "34", ex(34)),
        ],
    },
    "d14_memoir_gohardasht_1988.txt": {
        "links": [
            ("On 18 July the radio said that Tehran had accepted", "1988-iran-iraq-ceasefire"),
            ("At the end of July the first groups were called out", "1988-massacre"),
        ],
        "unlinked": [
            "On 2 September a friend from my ward was released on bail",
        ],
        "claims": [
            c("On 18 July the radio said that Tehran had accepted", "1988-iran-iraq-ceasefire", D, "date",
              "18 July (1988, the memoir's story)", day("1988-07-18")),
            c("At the end of July the first groups were called out", "1988-massacre", D, "date",
              "At the end of July (1988)", ("1988-07-21", "1988-07-31")),
            c("The survivors later counted no fewer than 4,500 dead", "1988-massacre", "deaths",
              "people killed in the 1988 executions", "no fewer than 4,500", at_least(4500)),
            c("went on for about three months", "1988-massacre", "duration",
              "length of the 1988 executions", "about three months", about(3)),
        ],
    },
    "d15_news_fuel_protests_tuesday.html": {
        "links": [
            ("The protests began on Friday", "2019-11-uprising"),
            ("On Sunday Supreme Leader Ali Khamenei backed the price rise", "2019-11-officials-blame-mek"),
        ],
        "unlinked": [
            "In Lebanon, demonstrators on Tuesday blocked roads",
        ],
        "claims": [
            c("The protests began on Friday", "2019-11-uprising", D, "date",
              "on Friday (15 November 2019)", day("2019-11-15")),
            c("On Sunday Supreme Leader Ali Khamenei backed the price rise", "2019-11-officials-blame-mek", D,
              "date", "On Sunday (17 November 2019)", day("2019-11-17")),
            c("Within two days the demonstrations had reached", "2019-11-uprising", "duration",
              "time the November 2019 protests took to spread nationwide", "Within two days", (0, 2)),
            c("the demonstrations had reached more than 100 cities", "2019-11-uprising", "cities",
              "cities the November 2019 protests reached", "more than 100", more_than(100),
              "according to state media"),
            c("at least 106 protesters had been killed", "2019-11-uprising", "deaths",
              "people killed in the November 2019 protests", "at least 106", at_least(106),
              "Amnesty International said"),
        ],
    },
}


# ------------------------------------------------------------------ derive
def overlaps(a_lo, a_hi, b_lo, b_hi) -> bool:
    """Closed intervals; None is an open end."""
    lo = max((x for x in (a_lo, b_lo) if x is not None), default=None)
    hi = min((x for x in (a_hi, b_hi) if x is not None), default=None)
    return lo is None or hi is None or lo <= hi


def check_store(kb: dict) -> None:
    """Every stored version named in STORE is in data/kb.json as written."""
    events = {e["id"]: e for e in kb["events"].values()}
    for (event, subject), versions in STORE.items():
        ev = events[event]
        for value, sources, _lo, _hi in versions:
            if subject == "date":
                cited = {x["source"] for x in ev["citations"]}
                claimed = {cl["source"] for cl in ev.get("claims", [])
                           if cl.get("measure") == "date" and cl.get("value") == value}
                ok = (ev["date"]["text"] == value and set(sources) <= cited) or set(sources) <= claimed
            else:
                held = {(cl["source"]) for cl in ev.get("claims", [])
                        if cl.get("value") == value
                        and (cl.get("subject") or cl.get("measure")) == subject}
                ok = set(sources) <= held
            if not ok:
                sys.exit(f"build_gold: store version {value!r} [{sources}] of {event} / {subject} not found")


def entry(claim, versions):
    first = versions[0]
    out = {"measure": claim["measure"], "event": claim["event"], "subject": claim["subject"],
           "here": claim["value"], "there": first["value"], "source": first["source"],
           "versions": versions, "quote": claim["quote"]}
    if claim["attribution"]:
        out["attribution"] = claim["attribution"]
    return out


def build() -> dict:
    kb = json.loads((ROOT / "data" / "kb.json").read_text(encoding="utf-8"))
    check_store(kb)
    gold = {"documents": {}}
    earlier: list[tuple[str, dict]] = []   # (file, claim) of the documents before
    for name in sorted(SPEC):
        spec = SPEC[name]
        text = (DOCS / name).read_text(encoding="utf-8")
        for q in [q for q, _ in spec["links"]] + spec["unlinked"] + [cl["quote"] for cl in spec["claims"]]:
            if q not in text:
                sys.exit(f"build_gold: {name}: quote not in the document: {q!r}")
        doc = {"links": [{"text": q, "event": e} for q, e in spec["links"]],
               "unlinked": list(spec["unlinked"]), "figures": [],
               "disagreements": [], "agreements": []}
        for cl in spec["claims"]:
            key = (cl["event"], cl["subject"])
            agree, disagree = [], []
            for value, sources, lo, hi in STORE.get(STORE_KEY.get(key, key), []):
                v = {"value": value, "source": sources[0]}
                if len(sources) > 1:
                    v["also"] = sources[1:]
                (agree if overlaps(cl["low"], cl["high"], lo, hi) else disagree).append(v)
            for other, oc in earlier:
                if (oc["event"], oc["subject"]) != key:
                    continue
                v = {"value": oc["value"], "source": other}
                (agree if overlaps(cl["low"], cl["high"], oc["low"], oc["high"]) else disagree).append(v)
            fig = {k: cl[k] for k in ("quote", "event", "measure", "subject", "value", "low", "high")}
            if cl["attribution"]:
                fig["attribution"] = cl["attribution"]
            doc["figures"].append(fig)
            if disagree:
                doc["disagreements"].append(entry(cl, disagree))
            if agree:
                doc["agreements"].append(entry(cl, agree))
        gold["documents"][name] = doc
        earlier += [(name, cl) for cl in spec["claims"]]
    return gold


def main() -> None:
    gold = build()
    docs = gold["documents"].values()
    gold["counts"] = {
        "documents": len(gold["documents"]),
        "links": sum(len(d["links"]) for d in docs),
        "unlinked": sum(len(d["unlinked"]) for d in docs),
        "disagreements": sum(len(d["disagreements"]) for d in docs),
        "disagreements_between_documents": sum(
            1 for d in docs for x in d["disagreements"]
            if any(v["source"].startswith("d") for v in x["versions"])),
        "agreements": sum(len(d["agreements"]) for d in docs),
        "figures": sum(len(d["figures"]) for d in docs),
    }
    (HERE / "gold.json").write_text(json.dumps(gold, indent=1, ensure_ascii=False) + "\n",
                                    encoding="utf-8")
    print(json.dumps(gold["counts"]))


if __name__ == "__main__":
    main()
