### Confide pupil pages — Polish
## review: machine-assisted, not yet checked by a fluent speaker
#
# Translated from locales/en-GB/pupil.ftl. Same keys as English. Keep 999, 0800 1111,
# service names and every { $value } exactly as they are. Addresses the pupil as "ty",
# in forms that do not depend on the pupil's gender.

## The layout of every page

page-title = { $title } – Confide
skip-link = Przejdź do głównej treści
banner-label = Pomoc w nagłej sytuacji
banner-text = Grozi ci niebezpieczeństwo? Zadzwoń pod { $emergency }. Childline { $childline }
service-label = Informacje o serwisie
service-name = Uzyskaj pomoc i zgłoś coś
menu = Menu
nav-advice = Porady i filmy
nav-report = Zgłoś coś
nav-followup = Sprawdź, czy jest odpowiedź
nav-safety = Jak bezpiecznie korzystać z tej strony
exit-hidden = Nagła sytuacja
exit-button = Wyjdź z tej strony
exit-activated = Ładowanie.
exit-timed-out = Czas na „Wyjdź z tej strony” minął.
exit-press-two = Shift, naciśnij jeszcze 2 razy, żeby wyjść.
exit-press-one = Shift, naciśnij jeszcze 1 raz, żeby wyjść.
footer-heading = Linki do pomocy
footer-privacy = Ta strona nie używa plików cookie dla uczniów, nie śledzi cię i nie zapisuje twojego adresu internetowego.
language-menu = Języki
# The offer of this page in your language, to a browser that asks for it.
offer-language = Ta strona jest też dostępna po polsku.
# On a long page not yet translated into your language: name your language.
not-translated = Ta strona nie jest jeszcze dostępna po polsku, więc jest po angielsku.
go-home = Przejdź do strony głównej
warning = Ostrzeżenie
success = Gotowe
inset-danger = Jeśli teraz grozi ci niebezpieczeństwo, zadzwoń pod { $emergency }.
inset-childline = Jeśli chcesz teraz z kimś porozmawiać, zadzwoń za darmo do Childline pod numer { $childline }, o każdej porze, w dzień i w nocy. Połączenie nie pojawi się na rachunku za telefon.

## The home page, a school's page and finding a school

home-heading = Coś cię martwi? Możesz nam o tym powiedzieć.
no-name-needed = Nie musisz podawać swojego imienia.
home-what = Powiedz swojej szkole o wszystkim, co cię martwi. Możesz nam powiedzieć o nękaniu, o kimś, kto cię krzywdzi albo straszy, o broni, gangach, narkotykach, o czymś, co dzieje się w domu albo w internecie, albo o czymkolwiek innym. Może to dotyczyć ciebie albo kogoś innego.
school-tell = Powiedz szkole { $school } o wszystkim, co cię martwi.
school-hours = Pracownicy czytają zgłoszenia { $hours }.
school-outside-hours = Poza tymi godzinami nikt może nie zobaczyć twojego zgłoszenia od razu. Dlatego jeśli potrzebujesz pomocy teraz, skorzystaj z numerów poniżej.
find-school = Znajdź swoją szkołę
find-school-report = Do której szkoły chodzisz?
find-school-intro = Na stronie twojej szkoły są porady, filmy i sposób, żeby powiedzieć coś pracownikom, którzy dbają tam o bezpieczeństwo uczniów.
find-school-report-intro = Twoje zgłoszenie trafi do pracowników, którzy dbają o bezpieczeństwo uczniów w twojej szkole.
search-school = Szukaj swojej szkoły
search-hint = Wpisz kilka liter jej nazwy.
search-button = Szukaj
no-school-matches = Żadna szkoła nie pasuje do „{ $typed }”. Sprawdź pisownię albo wpisz mniej liter.
no-schools-yet = Żadna szkoła jeszcze nie korzysta z tej strony.
schools-match-none = Żadna szkoła nie pasuje. Sprawdź pisownię albo wpisz mniej liter.
schools-match = { $count ->
    [one] Pasuje { $count } szkoła.
    [few] Pasują { $count } szkoły.
    [many] Pasuje { $count } szkół.
   *[other] Pasuje { $count } szkoły.
}
school-not-here = Jeśli nie ma tu twojej szkoły, możesz powiedzieć { $fearless } o przestępstwie bez podawania imienia albo zadzwonić do Childline pod numer { $childline }.

## Topic pages and other long pages

video-cannot-play = Twoja przeglądarka nie może odtworzyć tego filmu. Możesz przeczytać poniżej, co w nim jest, albo { $link }.
video-download = pobrać film
transcript-heading = Co mówi film (transkrypcja)
tell-someone = Powiedz komuś
topic-tell = Jeśli to spotyka ciebie albo kogoś, kogo znasz, możesz tutaj powiedzieć o tym swojej szkole. Nie musisz podawać swojego imienia.
topic-tell-school = Jeśli to spotyka ciebie albo kogoś, kogo znasz, możesz tutaj powiedzieć o tym szkole { $school }. Nie musisz podawać swojego imienia.
helplines-heading = Kto jeszcze może pomóc
helpline-phone = Telefon: { $phone }
helpline-website = Strona { $name }
opens-another-site = (otwiera inną stronę)
listen = Posłuchaj
listen-stop = Zatrzymaj

## The report form

error-title = Błąd: { $title }
error-summary-title = Wystąpił problem
error-prefix = Błąd:
report-heading = Powiedz nam, co się dzieje
report-intro = To zajmuje około 3 minut. Nie musisz podawać swojego imienia.
report-goes-to = Twoje zgłoszenie trafi tylko do pracowników, którzy dbają o bezpieczeństwo uczniów w szkole { $school }, i do policjanta, który współpracuje ze szkołą. Czytają zgłoszenia { $hours }.
category-legend = Co się dzieje?
category-hint = Wybierz to, co pasuje najlepiej.
category-bullying = Nękanie
category-online-bullying = Nękanie w internecie albo udostępnianie zdjęć
category-nude-image = Ktoś ma albo udostępnia moje nagie lub seksualne zdjęcie albo film
category-sextortion = Ktoś grozi, że je udostępni, albo żąda ode mnie pieniędzy
category-weapons = Noże albo inna broń
category-gangs = Gangi
category-drugs-alcohol = Narkotyki albo alkohol
category-hurt-threatened = Ktoś mnie krzywdzi albo mi grozi
category-home = Coś w domu
category-sexual = Molestowanie albo wykorzystywanie seksualne
category-hate = Nienawiść albo rasizm
category-extremism = Skrajne poglądy albo ekstremizm
category-theft-damage = Kradzież albo zniszczenie
category-other = Coś innego
location-legend = Gdzie to się stało?
location-classroom = W klasie
location-corridor = Na korytarzu albo na schodach
location-toilets = W toalecie
location-playground = Na boisku albo na placu zabaw
location-canteen = W stołówce
location-journey = W drodze do szkoły albo ze szkoły
location-transport = W autobusie, pociągu albo innym środku transportu
location-online = W internecie albo przez telefon
location-near-school = Blisko szkoły
location-home = W domu
location-elsewhere = Gdzieś indziej
happening-now-legend = Czy to dzieje się teraz albo czy grozi ci niebezpieczeństwo?
answer-yes = Tak
answer-no = Nie
about-legend = Czy chodzi o dorosłego, który pracuje w twojej szkole?
about-hint = Na przykład o nauczyciela, asystenta nauczyciela, trenera albo pracownika sekretariatu. Jeśli tak, twoje zgłoszenie trafi do innych osób.
about-no = Nie
about-staff = Tak, o dorosłego, który pracuje w szkole
about-head = Tak, o dyrektora szkoły
what-label = Co się stało?
what-hint = Opisz to własnymi słowami. Napisz wszystko, co uważasz za ważne.
when-label = Kiedy to się stało? (nieobowiązkowe)
when-hint = Na przykład: wczoraj w czasie obiadu, w każdy poniedziałek, od września.
who-label = Kto w tym brał udział? (nieobowiązkowe)
who-hint = Imiona, jak te osoby wyglądają albo do której klasy chodzą, jeśli wiesz.
about-you-heading = O tobie (nieobowiązkowe)
about-you-optional = Nie musisz nam mówić, kim jesteś.
about-you-why = Jeśli powiesz, pracownicy mogą z tobą porozmawiać i szybciej ci pomóc.
name-label = Twoje imię (nieobowiązkowe)
contact-label = Jak mamy się z tobą skontaktować? (nieobowiązkowe)
contact-hint = Na przykład: twoja klasa albo bezpieczna pora na rozmowę.
send-report = Wyślij zgłoszenie

## A nude or sexual picture of you

nude-entry = Czy ktoś udostępnia twoje nagie zdjęcie albo grozi, że to zrobi?
nude-never-send = Nigdy nikomu nie wysyłaj tego zdjęcia ani filmu, nawet nam.
nude-no-upload = Nie musimy go widzieć, więc do tego zgłoszenia nie można dodać zdjęć. Po prostu napisz nam, co się dzieje.
nude-help-link = Co zrobić teraz, jeśli ktoś udostępnia twoje nagie zdjęcie albo mówi, że to zrobi
nude-next = Pracownicy szkoły nie poproszą cię o to zdjęcie. To nie twoja wina. Możesz już teraz coś zrobić, na przykład poprosić o usunięcie zdjęcia z internetu.
nude-tell = Możesz powiedzieć swojej szkole, co się dzieje. Nie musisz podawać imienia i nigdy nie musisz wysyłać zdjęcia.
pictures-not-kept = Zdjęcie zostało wybrane, ale go nie zachowaliśmy. Przy takim zgłoszeniu nigdy nie zachowujemy zdjęć, żeby nikt nie musiał ich oglądać. Nie musisz go wysyłać.
count-up-to = Możesz wpisać do { $max } znaków
count-under = { $count ->
    [one] Został ci { $count } znak
    [few] Zostały ci { $count } znaki
    [many] Zostało ci { $count } znaków
   *[other] Zostało ci { $count } znaku
}
count-at-limit = Zostało ci 0 znaków
count-over = { $count ->
    [one] Masz o { $count } znak za dużo
    [few] Masz o { $count } znaki za dużo
    [many] Masz o { $count } znaków za dużo
   *[other] Masz o { $count } znaku za dużo
}

## Pictures

pictures-label = Zrzuty ekranu albo zdjęcia (nieobowiązkowe)
pictures-hint = Do 5 zdjęć: PNG, JPEG albo WebP, każde mniejsze niż 10 MB. Zrzut ekranu wiadomości albo wpisu jest często najbardziej przydatny.
pictures-privacy = Zanim zachowamy twoje zdjęcia, usuwamy informacje o tym, gdzie zrobiono zdjęcie i jakim telefonem lub aparatem, i tworzymy każde zdjęcie od nowa tylko z tego, co na nim widać.
pictures-held = { $count ->
    [one] Zachowujemy 1 wybrane wcześniej zdjęcie i wyślemy je razem z twoim zgłoszeniem.
    [few] Zachowujemy wybrane wcześniej zdjęcia ({ $count }) i wyślemy je razem z twoim zgłoszeniem.
    [many] Zachowujemy wybrane wcześniej zdjęcia ({ $count }) i wyślemy je razem z twoim zgłoszeniem.
   *[other] Zachowujemy wybrane wcześniej zdjęcia ({ $count }) i wyślemy je razem z twoim zgłoszeniem.
}
pictures-held-more = { $count ->
    [one] Nie musisz wybierać go jeszcze raz. Jeśli wybierzesz tu zdjęcia, wyślemy zamiast niego nowe.
    [few] Nie musisz wybierać ich jeszcze raz. Jeśli wybierzesz tu zdjęcia, wyślemy zamiast nich nowe.
    [many] Nie musisz wybierać ich jeszcze raz. Jeśli wybierzesz tu zdjęcia, wyślemy zamiast nich nowe.
   *[other] Nie musisz wybierać ich jeszcze raz. Jeśli wybierzesz tu zdjęcia, wyślemy zamiast nich nowe.
}
pictures-chosen = { $count ->
    [one] Wybrano 1 zdjęcie:
    [few] Wybrano { $count } zdjęcia:
    [many] Wybrano { $count } zdjęć:
   *[other] Wybrano { $count } zdjęcia:
}
picture-preview = { $count ->
   *[other] Podgląd zdjęcia { $count }
}

## The "in danger now" step

danger-heading = Jeśli teraz grozi ci niebezpieczeństwo, zadzwoń pod 999
danger-call = Zadzwoń pod { $emergency }, jeśli ktoś cię krzywdzi albo jeśli tobie lub komuś innemu właśnie teraz grozi niebezpieczeństwo. Połączenie jest bezpłatne z każdego telefonu, nawet bez środków na koncie.
danger-cannot-speak = Jeśli nie możesz mówić, zadzwoń pod 999, posłuchaj pytań, a potem zakaszl albo postukaj w telefon. Z komórki naciśnij 55, kiedy usłyszysz prośbę, a policja będzie wiedzieć, że to nagła sytuacja.
danger-childline = Jeśli chcesz teraz z kimś porozmawiać, zadzwoń za darmo do Childline pod numer { $childline }, o każdej porze, w dzień i w nocy.
danger-not-sent = Twoje zgłoszenie nie zostało jeszcze wysłane. Pracownicy szkoły { $school } czytają zgłoszenia { $hours }, więc mogą nie zobaczyć go od razu.
danger-pictures-held = { $count ->
    [one] Wybrane zdjęcie (1) zostanie wysłane z twoim zgłoszeniem. Przechowujemy je przez 30 minut, kiedy się zastanawiasz.
    [few] Wybrane zdjęcia ({ $count }) zostaną wysłane z twoim zgłoszeniem. Przechowujemy je przez 30 minut, kiedy się zastanawiasz.
    [many] Wybrane zdjęcia ({ $count }) zostaną wysłane z twoim zgłoszeniem. Przechowujemy je przez 30 minut, kiedy się zastanawiasz.
   *[other] Wybrane zdjęcia ({ $count }) zostaną wysłane z twoim zgłoszeniem. Przechowujemy je przez 30 minut, kiedy się zastanawiasz.
}
danger-send = Wyślij moje zgłoszenie teraz
danger-go-back = Wróć i zmień je

## The receipt

sent-heading = Twoje zgłoszenie zostało wysłane
sent-thanks = Dziękujemy, że nam o tym mówisz.
receipt-heading = Twój kod potwierdzenia
receipt-label = Kod potwierdzenia: { $code }
receipt-write-down = Zapisz ten kod albo zrób mu teraz zdjęcie.
receipt-why = Będzie ci potrzebny, żeby czytać odpowiedzi i dopisywać coś do zgłoszenia. Kiedy opuścisz tę stronę, nie będziemy mogli pokazać ci go ponownie. Nikt nie może go dla ciebie odszukać.
receipt-private = Trzymaj go w bezpiecznym miejscu. Każdy, kto ma ten kod, może przeczytać twoje zgłoszenie.
receipt-print = Wydrukuj albo zapisz tę stronę
receipt-pictures-kept = { $count ->
    [one] Zachowaliśmy 1 zdjęcie z twoim zgłoszeniem, bez informacji o tym, gdzie zrobiono zdjęcie i jakim telefonem.
    [few] Zachowaliśmy { $count } zdjęcia z twoim zgłoszeniem, bez informacji o tym, gdzie zrobiono zdjęcie i jakim telefonem.
    [many] Zachowaliśmy { $count } zdjęć z twoim zgłoszeniem, bez informacji o tym, gdzie zrobiono zdjęcie i jakim telefonem.
   *[other] Zachowaliśmy { $count } zdjęcia z twoim zgłoszeniem, bez informacji o tym, gdzie zrobiono zdjęcie i jakim telefonem.
}
receipt-pictures-lost = { $count ->
    [one] Wybrane wcześniej zdjęcie (1) nie zostało wysłane: przechowujemy zdjęcia tylko przez 30 minut. Żeby je wysłać, otwórz stronę { $link }, wpisz swój kod i wybierz je jeszcze raz.
    [few] Wybrane wcześniej zdjęcia ({ $count }) nie zostały wysłane: przechowujemy zdjęcia tylko przez 30 minut. Żeby je wysłać, otwórz stronę { $link }, wpisz swój kod i wybierz je jeszcze raz.
    [many] Wybrane wcześniej zdjęcia ({ $count }) nie zostały wysłane: przechowujemy zdjęcia tylko przez 30 minut. Żeby je wysłać, otwórz stronę { $link }, wpisz swój kod i wybierz je jeszcze raz.
   *[other] Wybrane wcześniej zdjęcia ({ $count }) nie zostały wysłane: przechowujemy zdjęcia tylko przez 30 minut. Żeby je wysłać, otwórz stronę { $link }, wpisz swój kod i wybierz je jeszcze raz.
}
next-heading = Co będzie dalej
next-urgent = Według twojej odpowiedzi to dzieje się teraz, więc twoje zgłoszenie jest oznaczone jako pilne.
next-urgent-on-call = Według twojej odpowiedzi to dzieje się teraz. Jest po godzinach pracy szkoły, ale ktoś ze szkoły { $school } ma teraz dyżur i już o tym wie.
next-urgent-nobody = Jest po godzinach pracy szkoły i nikt nie ma dyżuru. Nikt tego nie przeczyta aż do { $day ->
         [mon] poniedziałku
         [tue] wtorku
         [wed] środy
         [thu] czwartku
         [fri] piątku
         [sat] soboty
        *[sun] niedzieli
    }, godz. { $time }.
next-urgent-call = Jeśli grozi ci niebezpieczeństwo, zadzwoń teraz pod { $phone }.
next-staff-read = Pracownicy szkoły { $school } czytają zgłoszenia { $hours }.
next-staff-reply = Przeczytają twoje zgłoszenie i zdecydują, jak pomóc. Mogą ci tutaj odpowiedzieć.
receipt-read-replies = Żeby przeczytać odpowiedź albo coś dopisać, otwórz stronę { $link } i wpisz swój kod.
already-sent-heading = Twoje zgłoszenie zostało już wysłane
already-sent-text = Mamy już twoje zgłoszenie dla szkoły { $school }, więc nie wysłaliśmy go drugi raz. Jego kod potwierdzenia był pokazany przy wysyłaniu i nie możemy pokazać go ponownie.
already-sent-next = Jeśli kod jest zapisany, otwórz stronę { $link }, żeby czytać odpowiedzi i coś dopisać. Jeśli nie, { $new } i napisz, że chodzi o tę samą sprawę.
send-new-report = wyślij nowe zgłoszenie

## Coming back with a receipt code

code-intro = Użyj kodu potwierdzenia, który dostajesz po wysłaniu zgłoszenia. Możesz czytać odpowiedzi i coś dopisać.
code-label = Twój kod potwierdzenia
code-hint = Ma 20 liter i cyfr, na przykład 7KQ3 9XMA 2HD4 PQ8R T6WZ. Spacje i wielkie litery nie mają znaczenia.
continue = Dalej
code-lost = Zgubiony kod? Nie możemy go dla ciebie znaleźć, bo nikt nie widzi, kto wysłał zgłoszenie.
code-lost-new = Możesz wysłać nowe zgłoszenie i napisać, że chodzi o tę samą sprawę.
code-expires = Kiedy sprawa zostanie załatwiona, a zgłoszenie zamknięte, po pewnym czasie zgłoszenie jest usuwane, a jego kod przestaje działać.
your-report = Twoje zgłoszenie
status-new = Pracownicy szkoły { $school } mają twoje zgłoszenie.
status-seen = Ktoś ze szkoły { $school } zobaczył twoje zgłoszenie: { $when }.
status-open = Pracownicy szkoły { $school } zajmują się twoim zgłoszeniem.
status-closed = Pracownicy szkoły { $school } zakończyli pracę nad tym zgłoszeniem.
closed-reopens = Pracownicy zakończyli pracę nad tym zgłoszeniem. Jeśli napiszesz znowu, zgłoszenie otworzy się ponownie, a oni dostaną o tym informację.
message-label = Dopisz coś albo odpowiedz
message-hint = Mogą to przeczytać tylko pracownicy, do których trafiło twoje zgłoszenie.
send = Wyślij
message-sent = Twoja wiadomość została wysłana
messages-heading = Wiadomości
no-replies = Nie ma jeszcze odpowiedzi. Pracownicy czytają zgłoszenia { $hours }. Sprawdź później.
newest-first = Najnowsza wiadomość jest na górze.
from-you = Ty
from-staff = Pracownicy szkoły { $school }
told-heading = Co nam przekazujesz
told-sent-to = Wysłane do
told-sent-on = Data wysłania
told-kind = Co się dzieje
told-where = Gdzie
told-when = Kiedy
told-who = Kto brał udział
told-name = Twoje imię
told-contact = Jak się z tobą skontaktować
told-pictures = { $count ->
    [one] Wysłano 1 zdjęcie. Mogą je zobaczyć tylko pracownicy, do których trafiło twoje zgłoszenie.
    [few] Wysłano { $count } zdjęcia. Mogą je zobaczyć tylko pracownicy, do których trafiło twoje zgłoszenie.
    [many] Wysłano { $count } zdjęć. Mogą je zobaczyć tylko pracownicy, do których trafiło twoje zgłoszenie.
   *[other] Wysłano { $count } zdjęcia. Mogą je zobaczyć tylko pracownicy, do których trafiło twoje zgłoszenie.
}
finish = Zakończ i przejdź do strony głównej
talk-heading = Porozmawiaj z kimś w szkole
talk-intro = Jeśli chcesz z kimś porozmawiać, naciśnij przycisk. Osoby z personelu, do których trafiło twoje zgłoszenie, dowiedzą się, że o to prosisz. Nie będą wiedzieć, kim jesteś, chyba że podasz swoje imię.
talk-button = Chcę porozmawiać z kimś w szkole
talk-done = Przekazaliśmy szkole, że chcesz z kimś porozmawiać
talk-asked = Twoja prośba o rozmowę z kimś w szkole została przekazana. Osoby z personelu, do których trafiło twoje zgłoszenie, o tym wiedzą. Możesz poniżej podać swoje imię, żeby mogły cię znaleźć.
later-heading = Podaj swoje imię
later-intro = W każdej chwili możesz podać nam swoje imię i sposób kontaktu z tobą. Osoby z personelu, do których trafiło twoje zgłoszenie, zobaczą twoje imię.
later-kept = Zgłoszenia z imieniem są przechowywane dłużej, zanim zostaną usunięte.
later-name-label = Twoje imię
later-contact-label = Jak się z tobą skontaktować, jeśli chcesz to podać
later-button = Dodaj moje imię do zgłoszenia
later-done = Twoje imię zostało dodane do zgłoszenia

## Messages about what was typed or chosen

msg-and-kept = { $problem }. Zachowaliśmy cały twój tekst.
msg-report-category-missing = Wybierz, co się dzieje
msg-report-location-missing = Wybierz, gdzie to się stało
msg-report-happening-now-missing = Wybierz „Tak”, jeśli to dzieje się teraz albo grozi ci niebezpieczeństwo
msg-report-about-missing = Wybierz, czy chodzi o dorosłego, który pracuje w twojej szkole
msg-report-what-missing = Napisz nam, co się stało
msg-report-what-too-long = Pole „Co się stało?” może mieć najwyżej 5000 znaków. Wyślij teraz najważniejszą część: resztę możesz dopisać później, używając kodu potwierdzenia
msg-report-when-too-long = Pole „Kiedy to się stało?” może mieć najwyżej 500 znaków
msg-report-who-too-long = Pole „Kto w tym brał udział?” może mieć najwyżej 2000 znaków
msg-report-name-too-long = Twoje imię może mieć najwyżej 200 znaków
msg-report-contact-too-long = Pole „Jak mamy się z tobą skontaktować?” może mieć najwyżej 500 znaków
msg-report-busy = Z twojej szkoły albo domu wysyłanych jest teraz dużo zgłoszeń. Poczekaj minutę i znowu naciśnij „Wyślij zgłoszenie”. Zachowaliśmy twój tekst
msg-picture-heic = Nie można tu wysłać zdjęć z iPhone'a (HEIC). Zrób zrzut ekranu zdjęcia i wybierz ten zrzut ekranu
msg-picture-kind = Jeden z wybranych plików nie jest zdjęciem, które możemy przyjąć. Wybierz zdjęcie PNG, JPEG albo WebP albo zrzut ekranu
msg-picture-mismatch = Jeden z wybranych plików nie jest takim rodzajem zdjęcia, jak mówi jego nazwa. Zrób jego zrzut ekranu i wybierz ten zrzut ekranu
msg-picture-too-large = Jedno z wybranych zdjęć jest za duże, żeby je otworzyć. Zrób jego zrzut ekranu i wybierz ten zrzut ekranu
msg-picture-unreadable = Nie udało się otworzyć jednego z wybranych zdjęć. Zrób jego zrzut ekranu i wybierz ten zrzut ekranu
msg-picture-empty = Jedno z wybranych zdjęć jest puste. Wybierz je jeszcze raz
msg-picture-too-big = Jedno z wybranych zdjęć jest za duże. Każde zdjęcie musi być mniejsze niż 10 MB. Zrób jego zrzut ekranu i wybierz ten zrzut ekranu
msg-picture-too-many = Możesz wysłać naraz do 5 zdjęć. Wybierz 5 albo mniej, a resztę wyślij później, używając kodu potwierdzenia
msg-picture-too-much = Wszystkie zdjęcia razem muszą być mniejsze niż 25 MB. Wybierz mniej, a resztę wyślij później, używając kodu potwierdzenia
msg-picture-busy = Z twojej szkoły albo domu wysyłanych jest teraz dużo zdjęć. Poczekaj minutę, potem wybierz zdjęcia i wyślij jeszcze raz
msg-picture-not-kept = Nie zachowaliśmy twojego zdjęcia. Przy takim zgłoszeniu nigdy nie zachowujemy zdjęć, żeby nikt nie musiał ich oglądać. Zamiast tego opisz to słowami
msg-followup-code-missing = Wpisz swój kod potwierdzenia
msg-followup-code-not-found = Nie znaleźliśmy zgłoszenia z tym kodem. Sprawdź go i spróbuj jeszcze raz: kod ma 20 liter i cyfr
msg-followup-message-missing = Napisz wiadomość, zanim ją wyślesz
msg-followup-message-too-long = Twoja wiadomość może mieć najwyżej 5000 znaków. Najpierw wyślij najważniejszą część
msg-followup-name-missing = Wpisz swoje imię albo sposób kontaktu z tobą

## Pages for when something goes wrong

error-404-title = Nie znaleziono strony
error-404-text-1 = Nie znaleźliśmy tej strony. Adres może być błędny albo strona mogła zostać przeniesiona.
error-400-title = Coś było nie tak z wysłanymi danymi
error-400-text-1 = Nie zrozumieliśmy, co wysłała twoja przeglądarka. Wróć i spróbuj jeszcze raz.
error-403-title = Czas na tej stronie minął
error-403-text-1 = Dla twojego bezpieczeństwa formularze po pewnym czasie przestają działać. Wróć, odśwież stronę i spróbuj jeszcze raz.
error-405-title = To nie zadziałało
error-405-text-1 = Wróć i spróbuj jeszcze raz albo zacznij od strony głównej.
error-413-title = Wysłany tekst jest za długi
error-413-text-1 = Wróć i skróć go. Jeśli masz dużo do powiedzenia, najpierw wyślij najważniejszą część. Resztę możesz dopisać później, używając kodu potwierdzenia.
error-429-title = Za dużo prób
error-429-text-1 = Poczekaj kilka minut i spróbuj jeszcze raz. Dzięki temu inni nie mogą zgadywać kodów ani wysyłać mnóstwa zgłoszeń.
error-503-title = Przepraszamy, strona jest zajęta
error-503-text-1 = Spróbuj jeszcze raz za kilka minut. Jeśli wysyłasz zgłoszenie, nie zostało ono jeszcze wysłane, więc wyślij je ponownie.
error-500-title = Przepraszamy, coś poszło nie tak
error-500-text-1 = Coś poszło nie tak po naszej stronie. To nie twoja wina.
error-500-text-2 = Jeśli wysyłasz zgłoszenie, spróbuj jeszcze raz za kilka minut.

## The school poster (printed; the address and the QR code stay as they are)

poster-heading = Coś cię martwi? Powiedz nam bezpiecznie.
poster-heading-1 = Coś cię martwi?
poster-heading-2 = Powiedz nam bezpiecznie.
poster-intro = Możesz zgłosić nękanie, noże, gangi, przemoc w internecie albo cokolwiek, co cię martwi, ze szkoły, z domu albo z każdego innego miejsca. Nie musisz podawać swojego imienia.
poster-intro-1 = Zgłoś nękanie, noże, gangi, przemoc w internecie albo cokolwiek, co cię martwi,
poster-intro-2 = ze szkoły, z domu albo z każdego innego miejsca. Nie musisz podawać swojego imienia.
poster-qr-label = Kod QR z adresem poniżej
poster-hours-heading = Kiedy zgłoszenia są czytane
poster-hours = { $hours }. Zgłoszenia nie są sprawdzane przez cały czas.
poster-hours-line = Zgłoszenia są czytane: { $hours }
poster-danger = Grozi ci niebezpieczeństwo? Zadzwoń pod 999. Jeśli chcesz teraz z kimś porozmawiać, zadzwoń za darmo do Childline pod numer 0800 1111, o każdej porze.
poster-danger-1 = Grozi ci niebezpieczeństwo? Zadzwoń pod 999.
poster-danger-2 = Jeśli chcesz teraz z kimś porozmawiać, zadzwoń za darmo do Childline pod numer 0800 1111.
