"""Write the demonstration list of names, names.csv, beside the demo stops.yaml.

These are NOT the names of the Wall of Memory: about 20,000 made-up persons, built from
common name parts of the nationalities held at the camp (Russian, Kazakh, Ukrainian,
Belarusian, Polish, German, Jewish, Latvian, Korean, Tatar, Georgian, Lithuanian), written
in Cyrillic as the wall writes names. Polish, German, Latvian and Lithuanian persons also
carry their own Latin spelling (``other_spellings``); some women a maiden name
(``other_surnames``); a few rows are ``publish: no``. The same seed gives the same file.

    python demo/make_names.py [--count 20000] [--seed 1937] [--output names.csv]

Wall layout: panels 1..PANELS, rows 1..ROWS, names in alphabetical order along the wall;
every name is told at the stop ``wall-of-memory``.
"""

from __future__ import annotations

import argparse
import csv
import random
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PANELS, ROWS = 120, 40
STOP = "wall-of-memory"

# Each nationality, its weight among the persons, then its surnames (feminine, as the wall
# writes them), given names and fathers' names (turned into patronymics). A person of a
# nationality that had its own Latin spelling carries it after a slash, in every surname and
# given name: Cyrillic/Latin.
PEOPLES = """
russian 30
  surnames: Иванова Смирнова Кузнецова Попова Васильева Петрова Соколова Михайлова Новикова
            Фёдорова Морозова Волкова Алексеева Лебедева Семёнова Егорова Павлова Козлова
            Степанова Николаева Орлова Андреева Макарова Никитина Захарова Зайцева Соловьёва
            Борисова Яковлева Григорьева Романова Воробьёва Сергеева Кузьмина Фролова
            Александрова Дмитриева Королёва Гусева Киселёва Ильина Максимова Полякова Сорокина
            Виноградова Ковалёва Белова Медведева Антонова Тарасова Жукова Баранова Филиппова
            Комарова Давыдова Беляева Герасимова Богданова Осипова Сидорова Матвеева Титова
            Маркова Миронова Крылова Куликова Карпова Власова Мельникова Денисова Гаврилова
            Тихонова Казакова Афанасьева Данилова Савельева Тимофеева Фомина Чернова Абрамова
            Мартынова Ефимова Федотова Щербакова Назарова Калинина Исаева Чернышёва Быкова
            Маслова Родионова Коновалова Лазарева Воронина Климова Филатова Пономарёва Голубева
            Кудрявцева Прохорова Наумова Потапова Журавлёва Овчинникова Трофимова Леонова
            Соболева Ермакова Колесникова Гончарова Емельянова Никифорова Грачёва Котова
            Гришина Ефремова Архипова Громова Кириллова Малышева Панова Моисеева Румянцева
            Акимова Кондратьева Бирюкова Горбунова Анисимова Ерёмина Тихомирова Хохлова Шубина
            Цветкова Юдина
  given: Анна Мария Елена Ольга Татьяна Наталья Екатерина Александра Евгения Ирина Валентина
         Нина Зинаида Клавдия Антонина Евдокия Прасковья Вера Надежда Любовь Софья Ксения
         Галина Лидия Серафима Варвара Агния Марфа Пелагея Юлия
  fathers: Иван Пётр Николай Алексей Михаил Сергей Василий Фёдор Григорий Андрей Дмитрий Павел
           Степан Яков Александр Владимир Семён Тимофей Илья Кузьма
kazakh 18
  surnames: Жұмабаева Сейфуллина Нұрмағамбетова Байтұрсынова Дулатова Бөкейханова Құнанбаева
            Әлімжанова Жандосова Асфендиярова Рысқұлова Ходжанова Тынышбаева Ермекова Байжанова
            Мұқанова Қасымова Сәрсенбаева Тоқтарова Әбдірахманова Омарова Исаева Серікбаева
            Ахметова Есенова Нұрпейісова Жүнісова Мұсабаева Шәкәрімова Әуезова Садуақасова
            Тұрлыбаева Кемеңгерова Қожанова Ғаббасова Оразбаева Бекмұхамбетова Ыдырысова
            Мәметова Досмұхамедова
  given: Гүлжан Сара Бибіжамал Айша Зейнеп Мәрьям Күләш Ғайникамал Бәтима Раушан Үміт Әсия
         Шолпан Дәмеш Ақбала Нағима Мұқарама Хадиша Ұлжан Жамал
  fathers: Ахмет Мұхамед Әлихан Сәкен Ілияс Жақып Тұрар Сұлтан Ораз Нұрлан Қайрат Бейімбет
           Смағұл Халел Жүсіпбек
ukrainian 10
  surnames: Шевченко Коваленко Бондаренко Ткаченко Кравченко Олійник Шевчук Поліщук Бойко
            Ткачук Марченко Лисенко Руденко Савченко Петренко Клименко Мельничук Гнатюк
            Литвиненко Остапенко Гончаренко Кириленко Левченко Кравчук Ющенко
  given: Оксана Олена Галина Марія Катерина Ганна Ніна Тетяна Софія Христина Ярослава Надія
         Людмила Параска Одарка
  fathers: Іван Петро Тарас Остап Микола Степан Василь Богдан Андрій Михайло Григорій
belarusian 5
  surnames: Козловская Новицкая Ковалевская Жук Богданович Мацкевич Шимкевич Гурская Лукашевич
            Ярошевич Войтович Климович Прокопович Станкевич Савицкая
  given: Алеся Ганна Янина Ядвига Василиса Ольга Хрысціна Зося Мария Анастасия
  fathers: Янка Адам Антон Язэп Міхась Павел Рыгор Сымон Алесь
polish 8
  surnames: Ковальская/Kowalska Вишневская/Wiśniewska Вуйцик/Wójcik Каминьская/Kamińska
            Левандовская/Lewandowska Зелиньская/Zielińska Шиманьская/Szymańska Возьняк/Woźniak
            Домбровская/Dąbrowska Козловская/Kozłowska Яблоньская/Jabłońska Мазур/Mazur
            Квятковская/Kwiatkowska Кравчик/Krawczyk Пётровская/Piotrowska Грабовская/Grabowska
            Новаковская/Nowakowska Павловская/Pawłowska Михальская/Michalska Ружицкая/Różycka
  given: Ядвига/Jadwiga Ванда/Wanda Зофья/Zofia Халина/Halina Барбара/Barbara Кристина/Krystyna
         Малгожата/Małgorzata Ирена/Irena Станислава/Stanisława Тереза/Teresa
  fathers: Станислав Ежи Тадеуш Казимеж Войцех Юзеф Ян Анджей
german 9
  surnames: Мюллер/Müller Шмидт/Schmidt Шнайдер/Schneider Фишер/Fischer Вебер/Weber Майер/Meyer
            Вагнер/Wagner Беккер/Becker Шульц/Schulz Хоффман/Hoffmann Шефер/Schäfer Кох/Koch
            Бауэр/Bauer Рихтер/Richter Клейн/Klein Вольф/Wolf Шрёдер/Schröder Нойман/Neumann
            Шварц/Schwarz Циммерман/Zimmermann Браун/Braun Крюгер/Krüger Хофман/Hofmann
            Хартман/Hartmann Ланге/Lange Вернер/Werner Кремер/Krämer Фогель/Vogel Штайн/Stein
            Енш/Jensch
  given: Анна/Anna Марта/Martha Эмма/Emma Фрида/Frieda Эльза/Elsa Герда/Gerda Гертруда/Gertrud
         Луиза/Luise Берта/Berta Ирма/Irma Хильда/Hilda Лидия/Lydia
  fathers: Иоганн Генрих Фридрих Карл Вильгельм Эдуард Андреас Якоб Давид
jewish 8
  surnames: Коган Рабинович Левина Фридман Гольдберг Шапиро Кац Зильберман Гуревич Берлина
            Эпштейн Вайсман Гинзбург Лифшиц Хайкина Рубинштейн Каплан Гольдштейн Розенберг
            Блюмкина Шнеерсон Финкельштейн
  given: Сарра Ревекка Рахиль Лия Эсфирь Берта Фаина Роза Двойра Голда Хана Мирьям Эстер Дора
         Бася
  fathers: Моисей Абрам Исаак Яков Соломон Давид Наум Григорий Лейб Хаим Арон
latvian 4
  surnames: Берзиня/Bērziņa Калныня/Kalniņa Озола/Ozola Лиепа/Liepa Круминя/Krūmiņa
            Зариня/Zariņa Петерсоне/Pētersone Янсоне/Jansone Витола/Vītola Клявиня/Kļaviņa
            Эглите/Eglīte Страуме/Straume
  given: Анна/Anna Марта/Marta Милда/Milda Велта/Velta Эмилия/Emīlija Лилия/Lilija Зента/Zenta
         Айна/Aina
  fathers: Янис Андрис Петерис Карлис Эдуардс
lithuanian 2
  surnames: Казлаускене/Kazlauskienė Янкаускене/Jankauskienė Петраускене/Petrauskienė
            Станкявичене/Stankevičienė Василяускене/Vasiliauskienė Жукаускене/Žukauskienė
  given: Она/Ona Бируте/Birutė Янина/Janina Эляна/Eliana Стасе/Stasė
  fathers: Йонас Пятрас Антанас Казимерас
korean 3
  surnames: Ким Ли Пак Цой Хван Тен Шин Хан Юн Нам Ем Когай Тян Югай Де
  given: Мария Ольга Анна Вера Нина Елизавета Софья Любовь
  fathers: Николай Пётр Иван Константин Василий Андрей
tatar 2
  surnames: Ахметшина Галиева Хабибуллина Сафина Гарифуллина Валиева Шакирова Зарипова Юсупова
            Хайруллина
  given: Гульнара Зухра Фатима Раиса Мадина Розалия Сания Наиля
  fathers: Габдулла Шамиль Рашид Ильдар Мансур Ахмет
georgian 1
  surnames: Джапаридзе Гоголадзе Церетели Орбелиани Мдивани Кикнадзе Чавчавадзе
  given: Нино Тамара Кетеван Мзия Мариам Натела
  fathers: Георгий Шалва Давид Леван Ираклий
"""

FIELDS = ("surnames", "given", "fathers")


def read_peoples(table: str = PEOPLES) -> dict[str, dict]:
    """Each nationality's weight and lists, in the table's order: surnames, given, fathers,
    and, where the table has them, own (the Latin surnames) and own_given, in the same order.
    """
    peoples: dict[str, dict] = {}
    people = field = None
    for line in table.splitlines():
        if not line.strip():
            continue
        if not line[0].isspace():
            name, weight = line.split()
            people = peoples[name] = {"weight": int(weight), **{f: [] for f in FIELDS}}
            continue
        head, colon, rest = line.strip().partition(": ")
        if colon and head in FIELDS:
            field, line = head, rest
        people[field] += line.split()
    for people in peoples.values():
        for field, own in (("surnames", "own"), ("given", "own_given")):
            pairs = [word.partition("/") for word in people[field]]
            people[field] = [cyrillic for cyrillic, _, _ in pairs]
            if any(slash for _, slash, _ in pairs):
                people[own] = [latin for _, _, latin in pairs]
    return peoples


def patronymic(father: str, people: str) -> str:
    if people in ("kazakh",):
        return ""  # most Kazakh women on the lists are named without one
    if people in ("polish", "latvian", "lithuanian", "georgian") and father.endswith(("ис", "ас")):
        father = father[:-2]
    if father.endswith("ий"):
        return father[:-2] + "ьевна"
    if father.endswith("й"):
        return father[:-1] + "евна"
    if father.endswith(("а", "я")):
        return father[:-1] + "ична"
    if father.endswith("ь"):
        return father[:-1] + "евна"
    return father + "овна"


def people_rows(count: int, seed: int) -> list[dict]:
    rng = random.Random(seed)
    split = read_peoples()
    names = list(split)
    weights = [split[n]["weight"] for n in names]
    russian = split["russian"]["surnames"]
    persons = []
    for _ in range(count):
        people = rng.choices(names, weights)[0]
        parts = split[people]
        s = rng.randrange(len(parts["surnames"]))
        g = rng.randrange(len(parts["given"]))
        father = rng.choice(parts["fathers"])
        with_patronymic = rng.random() < 0.85
        other_surnames = ""
        if rng.random() < 0.08:  # a maiden name, often Russian on the lists
            other_surnames = rng.choice(russian if rng.random() < 0.5 else parts["surnames"])
        own = ""
        if "own" in parts:
            own = parts["own"][s] + " " + parts["own_given"][g]
        persons.append({
            "surname": parts["surnames"][s], "given_name": parts["given"][g],
            "patronymic": patronymic(father, people) if with_patronymic else "",
            "birth_year": "" if rng.random() < 0.05 else str(rng.randint(1880, 1922)),
            "publish": "no" if rng.random() < 0.01 else "yes",
            "other_surnames": other_surnames, "other_spellings": own,
        })
    persons.sort(key=lambda p: (p["surname"], p["given_name"], p["patronymic"]))
    per_panel = -(-count // PANELS)
    per_row = -(-per_panel // ROWS)
    for place, person in enumerate(persons):
        panel, within = divmod(place, per_panel)
        person["id"] = f"d{place + 1:06d}"
        person["panel"] = str(panel + 1)
        person["row"] = str(within // per_row + 1)
        person["stop"] = STOP
    return persons


COLUMNS = ["id", "surname", "given_name", "patronymic", "birth_year", "panel", "row", "stop",
           "publish", "other_surnames", "other_spellings"]


def write_names(path: Path, count: int = 20_000, seed: int = 1937) -> int:
    rows = people_rows(count, seed)
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.DictWriter(out, COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return len(rows)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=20_000)
    parser.add_argument("--seed", type=int, default=1937)
    parser.add_argument("--output", type=Path, default=ROOT / "names.csv")
    args = parser.parse_args(argv)
    written = write_names(args.output, args.count, args.seed)
    print(f"wrote {written} demonstration names to {args.output}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
