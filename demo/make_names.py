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

# Each nationality: surnames (feminine, as the wall writes them), given names,
# fathers' names (turned into patronymics), and, where the person had one, the own Latin
# spelling of each surname (same order) and given name.
PEOPLES = {
    "russian": dict(
        weight=30,
        surnames="Иванова Смирнова Кузнецова Попова Васильева Петрова Соколова Михайлова "
                 "Новикова Фёдорова Морозова Волкова Алексеева Лебедева Семёнова Егорова "
                 "Павлова Козлова Степанова Николаева Орлова Андреева Макарова Никитина "
                 "Захарова Зайцева Соловьёва Борисова Яковлева Григорьева Романова Воробьёва "
                 "Сергеева Кузьмина Фролова Александрова Дмитриева Королёва Гусева Киселёва "
                 "Ильина Максимова Полякова Сорокина Виноградова Ковалёва Белова Медведева "
                 "Антонова Тарасова Жукова Баранова Филиппова Комарова Давыдова Беляева "
                 "Герасимова Богданова Осипова Сидорова Матвеева Титова Маркова Миронова "
                 "Крылова Куликова Карпова Власова Мельникова Денисова Гаврилова Тихонова "
                 "Казакова Афанасьева Данилова Савельева Тимофеева Фомина Чернова Абрамова "
                 "Мартынова Ефимова Федотова Щербакова Назарова Калинина Исаева Чернышёва "
                 "Быкова Маслова Родионова Коновалова Лазарева Воронина Климова Филатова "
                 "Пономарёва Голубева Кудрявцева Прохорова Наумова Потапова Журавлёва "
                 "Овчинникова Трофимова Леонова Соболева Ермакова Колесникова Гончарова "
                 "Емельянова Никифорова Грачёва Котова Гришина Ефремова Архипова Громова "
                 "Кириллова Малышева Панова Моисеева Румянцева Акимова Кондратьева Бирюкова "
                 "Горбунова Анисимова Ерёмина Тихомирова Хохлова Шубина Цветкова Юдина",
        given="Анна Мария Елена Ольга Татьяна Наталья Екатерина Александра Евгения Ирина "
              "Валентина Нина Зинаида Клавдия Антонина Евдокия Прасковья Вера Надежда "
              "Любовь Софья Ксения Галина Лидия Серафима Варвара Агния Марфа Пелагея Юлия",
        fathers="Иван Пётр Николай Алексей Михаил Сергей Василий Фёдор Григорий Андрей "
                "Дмитрий Павел Степан Яков Александр Владимир Семён Тимофей Илья Кузьма"),
    "kazakh": dict(
        weight=18,
        surnames="Жұмабаева Сейфуллина Нұрмағамбетова Байтұрсынова Дулатова Бөкейханова "
                 "Құнанбаева Әлімжанова Жандосова Асфендиярова Рысқұлова Ходжанова "
                 "Тынышбаева Ермекова Байжанова Мұқанова Қасымова Сәрсенбаева Тоқтарова "
                 "Әбдірахманова Омарова Исаева Серікбаева Ахметова Есенова Нұрпейісова "
                 "Жүнісова Мұсабаева Шәкәрімова Әуезова Садуақасова Тұрлыбаева Кемеңгерова "
                 "Қожанова Ғаббасова Оразбаева Бекмұхамбетова Ыдырысова Мәметова Досмұхамедова",
        given="Гүлжан Сара Бибіжамал Айша Зейнеп Мәрьям Күләш Ғайникамал Бәтима Раушан "
              "Үміт Әсия Шолпан Дәмеш Ақбала Нағима Мұқарама Хадиша Ұлжан Жамал",
        fathers="Ахмет Мұхамед Әлихан Сәкен Ілияс Жақып Тұрар Сұлтан Ораз Нұрлан Қайрат "
                "Бейімбет Смағұл Халел Жүсіпбек"),
    "ukrainian": dict(
        weight=10,
        surnames="Шевченко Коваленко Бондаренко Ткаченко Кравченко Олійник Шевчук Поліщук "
                 "Бойко Ткачук Марченко Лисенко Руденко Савченко Петренко Клименко Мельничук "
                 "Гнатюк Литвиненко Остапенко Гончаренко Кириленко Левченко Кравчук Ющенко",
        given="Оксана Олена Галина Марія Катерина Ганна Ніна Тетяна Софія Христина Ярослава "
              "Надія Людмила Параска Одарка",
        fathers="Іван Петро Тарас Остап Микола Степан Василь Богдан Андрій Михайло Григорій"),
    "belarusian": dict(
        weight=5,
        surnames="Козловская Новицкая Ковалевская Жук Богданович Мацкевич Шимкевич "
                 "Гурская Лукашевич Ярошевич Войтович Климович Прокопович Станкевич Савицкая",
        given="Алеся Ганна Янина Ядвига Василиса Ольга Хрысціна Зося Мария Анастасия",
        fathers="Янка Адам Антон Язэп Міхась Павел Рыгор Сымон Алесь"),
    "polish": dict(
        weight=8,
        surnames="Ковальская Вишневская Вуйцик Каминьская Левандовская Зелиньская "
                 "Шиманьская Возьняк Домбровская Козловская Яблоньская Мазур Квятковская "
                 "Кравчик Пётровская Грабовская Новаковская Павловская Михальская Ружицкая",
        own="Kowalska Wiśniewska Wójcik Kamińska Lewandowska Zielińska Szymańska Woźniak "
            "Dąbrowska Kozłowska Jabłońska Mazur Kwiatkowska Krawczyk Piotrowska Grabowska "
            "Nowakowska Pawłowska Michalska Różycka",
        given="Ядвига Ванда Зофья Халина Барбара Кристина Малгожата Ирена Станислава Тереза",
        own_given="Jadwiga Wanda Zofia Halina Barbara Krystyna Małgorzata Irena Stanisława "
                  "Teresa",
        fathers="Станислав Ежи Тадеуш Казимеж Войцех Юзеф Ян Анджей"),
    "german": dict(
        weight=9,
        surnames="Мюллер Шмидт Шнайдер Фишер Вебер Майер Вагнер Беккер Шульц Хоффман "
                 "Шефер Кох Бауэр Рихтер Клейн Вольф Шрёдер Нойман Шварц Циммерман Браун "
                 "Крюгер Хофман Хартман Ланге Вернер Кремер Фогель Штайн Енш",
        own="Müller Schmidt Schneider Fischer Weber Meyer Wagner Becker Schulz Hoffmann "
            "Schäfer Koch Bauer Richter Klein Wolf Schröder Neumann Schwarz Zimmermann Braun "
            "Krüger Hofmann Hartmann Lange Werner Krämer Vogel Stein Jensch",
        given="Анна Марта Эмма Фрида Эльза Герда Гертруда Луиза Берта Ирма Хильда Лидия",
        own_given="Anna Martha Emma Frieda Elsa Gerda Gertrud Luise Berta Irma Hilda Lydia",
        fathers="Иоганн Генрих Фридрих Карл Вильгельм Эдуард Андреас Якоб Давид"),
    "jewish": dict(
        weight=8,
        surnames="Коган Рабинович Левина Фридман Гольдберг Шапиро Кац Зильберман Гуревич "
                 "Берлина Эпштейн Вайсман Гинзбург Лифшиц Хайкина Рубинштейн Каплан "
                 "Гольдштейн Розенберг Блюмкина Шнеерсон Финкельштейн",
        given="Сарра Ревекка Рахиль Лия Эсфирь Берта Фаина Роза Двойра Голда Хана Мирьям "
              "Эстер Дора Бася",
        fathers="Моисей Абрам Исаак Яков Соломон Давид Наум Григорий Лейб Хаим Арон"),
    "latvian": dict(
        weight=4,
        surnames="Берзиня Калныня Озола Лиепа Круминя Зариня Петерсоне Янсоне Витола "
                 "Клявиня Эглите Страуме",
        own="Bērziņa Kalniņa Ozola Liepa Krūmiņa Zariņa Pētersone Jansone Vītola Kļaviņa "
            "Eglīte Straume",
        given="Анна Марта Милда Велта Эмилия Лилия Зента Айна",
        own_given="Anna Marta Milda Velta Emīlija Lilija Zenta Aina",
        fathers="Янис Андрис Петерис Карлис Эдуардс"),
    "lithuanian": dict(
        weight=2,
        surnames="Казлаускене Янкаускене Петраускене Станкявичене Василяускене Жукаускене",
        own="Kazlauskienė Jankauskienė Petrauskienė Stankevičienė Vasiliauskienė Žukauskienė",
        given="Она Бируте Янина Эляна Стасе",
        own_given="Ona Birutė Janina Eliana Stasė",
        fathers="Йонас Пятрас Антанас Казимерас"),
    "korean": dict(
        weight=3,
        surnames="Ким Ли Пак Цой Хван Тен Шин Хан Юн Нам Ем Когай Тян Югай Де",
        given="Мария Ольга Анна Вера Нина Елизавета Софья Любовь",
        fathers="Николай Пётр Иван Константин Василий Андрей"),
    "tatar": dict(
        weight=2,
        surnames="Ахметшина Галиева Хабибуллина Сафина Гарифуллина Валиева Шакирова "
                 "Зарипова Юсупова Хайруллина",
        given="Гульнара Зухра Фатима Раиса Мадина Розалия Сания Наиля",
        fathers="Габдулла Шамиль Рашид Ильдар Мансур Ахмет"),
    "georgian": dict(
        weight=1,
        surnames="Джапаридзе Гоголадзе Церетели Орбелиани Мдивани Кикнадзе Чавчавадзе",
        given="Нино Тамара Кетеван Мзия Мариам Натела",
        fathers="Георгий Шалва Давид Леван Ираклий"),
}


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
    names = list(PEOPLES)
    weights = [PEOPLES[n]["weight"] for n in names]
    split = {n: {k: v.split() for k, v in PEOPLES[n].items() if isinstance(v, str)}
             for n in names}
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
