"""Writes the sample export of every preset into samples/ (see samples/README.md).

Run from the repository root: ``python samples/make_samples.py``. The files are committed;
rerun this after changing it. Headers come from bulkio.core.recognize (the exports' public
header lists); rows are invented, with a few defects on purpose (README lists them).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from pathlib import Path

from openpyxl import Workbook, load_workbook

from bulkio.core import recognize as r
from bulkio.usecases.template import make_template

HERE = Path(__file__).resolve().parent

Row = dict[str, str]


def write_csv(path: Path, headers: Sequence[str], rows: Sequence[Row], *, encoding: str = "utf-8",
              preamble: str = "", delimiter: str = ",",
              quote_all: bool = False) -> None:  # fmt: skip
    """Rows by header; a header written twice (French Outlook's "Titre") is "Titre (2)" the
    second time, as bulkio's reader names it."""
    buffer = io.StringIO()
    buffer.write(preamble)
    quoting = csv.QUOTE_ALL if quote_all else csv.QUOTE_MINIMAL
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n", quoting=quoting)
    writer.writerow(headers)
    keys = []
    for i, header in enumerate(headers):
        seen = headers[:i].count(header)
        keys.append(f"{header} ({seen + 1})" if seen else header)
    for row in rows:
        writer.writerow([row.get(k, "") for k in keys])
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(buffer.getvalue().encode(encoding))


def write_xlsx(path: Path, sheet: str, headers: Sequence[str], rows: Sequence[Row]) -> None:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = sheet
    ws.append(list(headers))
    for row in rows:
        ws.append([row.get(h) or None for h in headers])
    for line in ws.iter_rows():
        for cell in line:
            cell.number_format = "@"
            cell.data_type = "s"
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)


def outlook_en() -> None:
    rows = [
        {"Title": "Dr.", "First Name": "Anna", "Last Name": "Müller", "Company": "Muster GmbH",
         "Job Title": "Geschäftsführerin", "Business Street": "Hauptstraße 12a",
         "Business City": "Dresden", "Business Postal Code": "01067",
         "Business Country/Region": "Germany", "Business Phone": "+49 351 1234567",
         "Mobile Phone": "0171 1234567", "E-mail Address": "anna.mueller@muster.de",
         "E-mail 2 Address": "anna@privat.de", "Birthday": "4/23/1980", "Gender": "Female",
         "Web Page": "www.muster.de", "Categories": "VIP", "Anniversary": "0/0/00"},
        {"First Name": "Jörg", "Last Name": "Weiß", "Company": "Weiß & Söhne KG",
         "Job Title": "Einkauf", "Business Street": "Königsallee 5", "Business City": "Düsseldorf",
         "Business Postal Code": "40212", "Business Country/Region": "Deutschland",
         "Business Phone": "0211 998877", "E-mail Address": "j.weiss@weiss-soehne.de",
         "Birthday": "0/0/00", "Gender": "Male", "Anniversary": "0/0/00"},
        {"First Name": "Claire", "Last Name": "Dubois", "Company": "Atelier Dubois SARL",
         "Business City": "Lyon", "Business Postal Code": "69002",
         "Business Country/Region": "France", "Business Phone": "+33 4 72 00 00 00",
         "E-mail Address": "claire.dubois(at)atelier.fr", "Birthday": "0/0/00",
         "Gender": "Unspecified", "Anniversary": "0/0/00"},  # defect: e-mail
        {"First Name": "Tom", "Last Name": "Becker", "Company": "Muster GmbH",
         "Job Title": "Vertrieb", "Business Street": "Hauptstraße 12a", "Business City": "Dresden",
         "Business Postal Code": "01067", "Business Country/Region": "Germany",
         "E-mail Address": "tom.becker@muster.de", "Birthday": "13/31/1975",
         "Gender": "Male", "Anniversary": "0/0/00"},  # defect: birthday
        {"First Name": "Sabine", "Last Name": "Krause", "E-mail Address": "sabine.krause@web.de",
         "Home Phone": "030 5556667", "Birthday": "12/1/1969", "Gender": "Female",
         "Anniversary": "0/0/00"},  # no company: a contact on its own
    ]  # fmt: skip
    write_csv(HERE / "outlook" / "contacts.csv", r.OUTLOOK_EN_HEADERS, rows, encoding="cp1252",
              quote_all=True)  # fmt: skip


def outlook_de() -> None:
    rows = [
        {"Anrede": "Frau", "Vorname": "Anna", "Nachname": "Müller", "Firma": "Muster GmbH",
         "Position": "Geschäftsführerin", "Straße geschäftlich": "Hauptstraße 12a",
         "Ort geschäftlich": "Dresden", "Postleitzahl geschäftlich": "01067",
         "Land/Region geschäftlich": "Deutschland", "Telefon geschäftlich": "0351 1234567",
         "Mobiltelefon": "0171 1234567", "E-Mail-Adresse": "anna.mueller@muster.de",
         "Geburtstag": "23.4.1980", "Geschlecht": "Weiblich", "Webseite": "www.muster.de",
         "Jahrestag": "0.0.00", "Kategorien": "VIP"},
        {"Anrede": "Herr", "Vorname": "Jörg", "Nachname": "Weiß", "Firma": "Weiß & Söhne KG",
         "Straße geschäftlich": "Königsallee 5", "Ort geschäftlich": "Düsseldorf",
         "Postleitzahl geschäftlich": "40212", "Land/Region geschäftlich": "Deutschland",
         "Telefon geschäftlich": "0211 998877", "E-Mail-Adresse": "j.weiss@weiss-soehne.de",
         "Geburtstag": "0.0.00", "Geschlecht": "Männlich", "Jahrestag": "0.0.00"},
        {"Vorname": "Lena", "Nachname": "Gruber", "Firma": "Gruber Holzbau GmbH",
         "Straße geschäftlich": "Linzer Straße 8", "Ort geschäftlich": "Wien",
         "Postleitzahl geschäftlich": "1140", "Land/Region geschäftlich": "Österreich",
         "Telefon geschäftlich": "+43 1 9140000", "E-Mail-Adresse": "lena.gruber@gruber-holz",
         "Geburtstag": "0.0.00", "Geschlecht": "Weiblich", "Jahrestag": "0.0.00"},  # defect
        {"Vorname": "Peter", "Nachname": "Schmidt", "Firma": "Muster GmbH",
         "E-Mail-Adresse": "p.schmidt@muster.de", "Geburtstag": "31.02.1970",
         "Geschlecht": "Nicht angegeben", "Jahrestag": "0.0.00"},  # defect: birthday
    ]  # fmt: skip
    write_csv(HERE / "outlook-de" / "Kontakte.csv", r.OUTLOOK_DE_HEADERS, rows, encoding="cp1252",
              quote_all=True)  # fmt: skip


def outlook_fr() -> None:
    rows = [
        {"Titre": "M.", "Prénom": "Jean", "Nom": "Dupont", "Société": "Atelier Dupont SARL",
         "Titre (2)": "Gérant", "Rue (bureau)": "12 rue de la Paix", "Ville (bureau)": "Paris",
         "Code postal (bureau)": "75002", "Pays/Région (bureau)": "France",
         "Téléphone (bureau)": "01 42 60 00 00", "Tél. mobile": "06 12 34 56 78",
         "Adresse de messagerie": "jean.dupont@atelier-dupont.fr", "Anniversaire": "23/04/1980",
         "Sexe": "Masculin"},
        {"Titre": "Mme", "Prénom": "Claire", "Nom": "Martin", "Société": "Atelier Dupont SARL",
         "Titre (2)": "Comptable", "Adresse de messagerie": "claire.martin@atelier-dupont",
         "Anniversaire": "0/0/00", "Sexe": "Féminin"},  # defect: e-mail
        {"Prénom": "Luc", "Nom": "Bernard", "Société": "Bernard & Fils",
         "Pays/Région (bureau)": "Belgique", "Adresse de messagerie": "luc.bernard@gmail.com",
         "Anniversaire": "31/02/1975"},  # defect: birthday
    ]  # fmt: skip
    write_csv(HERE / "outlook-fr" / "Contacts.csv", r.OUTLOOK_FR_HEADERS, rows, encoding="cp1252",
              quote_all=True)  # fmt: skip


def outlook_nl() -> None:
    rows = [
        {"Titel": "Mevr.", "Voornaam": "Sanne", "Achternaam": "de Vries",
         "Bedrijf": "Bakkerij de Vries B.V.", "Functie": "Eigenaar",
         "Werkadres, straat": "Dorpsstraat 5", "Werkadres, plaats": "Utrecht",
         "Werkadres, postcode": "3511 AB", "Land/regio (werk)": "Nederland",
         "Telefoon op werk": "030 123 4567", "E-mailadres": "sanne@bakkerijdevries.nl",
         "Verjaardag": "23-4-1980", "Geslacht": "Vrouw"},
        {"Voornaam": "Pieter", "Achternaam": "Jansen", "Bedrijf": "Bakkerij de Vries B.V.",
         "Functie": "Bakker", "E-mailadres": "pieter.jansen(at)bakkerijdevries.nl",
         "Verjaardag": "0-0-00", "Geslacht": "Man"},  # defect: e-mail
        {"Voornaam": "Els", "Achternaam": "Peeters", "Land/regio (thuis)": "België",
         "E-mailadres": "els.peeters@telenet.be", "Verjaardag": "30-2-1971"},  # defect
    ]  # fmt: skip
    write_csv(HERE / "outlook-nl" / "Contactpersonen.csv", r.OUTLOOK_NL_HEADERS, rows,
              encoding="cp1252", quote_all=True)  # fmt: skip


def outlook_it() -> None:
    rows = [
        {"Titolo": "Sig.ra", "Nome": "Giulia", "Cognome": "Rossi", "Società": "Rossi S.r.l.",
         "Posizione": "Amministratrice", "Via (uff.)": "Via Roma 10", "Città (uff.)": "Bolzano",
         "CAP (uff.)": "39100", "Paese (uff.)": "Italia", "Ufficio": "0471 123456",
         "Indirizzo posta elettronica": "giulia.rossi@rossi-srl.it", "Compleanno": "23/04/1980",
         "Sesso": "Femminile"},
        {"Nome": "Marco", "Cognome": "Bianchi", "Società": "Rossi S.r.l.", "Posizione": "Vendite",
         "Indirizzo posta elettronica": "marco.bianchi@@rossi-srl.it",
         "Compleanno": "0/0/00"},  # defect: e-mail
        {"Nome": "Anna", "Cognome": "Keller", "Paese (ab.)": "Svizzera",
         "Indirizzo posta elettronica": "anna.keller@bluewin.ch",
         "Compleanno": "31/04/1985"},  # defect: birthday
    ]  # fmt: skip
    write_csv(HERE / "outlook-it" / "Contatti.csv", r.OUTLOOK_IT_HEADERS, rows, encoding="cp1252",
              quote_all=True)  # fmt: skip


def outlook_es() -> None:
    rows = [
        {"Title": "Sra.", "Nombre": "Lucía", "Apellidos": "García López",
         "Organización": "García Consultores S.L.", "Puesto": "Directora",
         "Calle del trabajo": "Calle Mayor 7", "Ciudad de trabajo": "Madrid",
         "Código postal del trabajo": "28013", "País o región del trabajo": "España",
         "Teléfono del trabajo": "910 123 456", "E-mail Address": "lucia@garcia-consultores.es",
         "Birthday": "23/04/1980", "Género": "Femenino"},
        {"Nombre": "Javier", "Apellidos": "Ruiz", "Organización": "García Consultores S.L.",
         "Puesto": "Consultor", "E-mail Address": "javier.ruiz(at)garcia-consultores.es",
         "Birthday": "0/0/00"},  # defect: e-mail
        {"Nombre": "Marta", "Apellidos": "Sanz", "E-mail Address": "marta.sanz@gmail.com",
         "Birthday": "29/02/1981"},  # defect: birthday (1981 is no leap year)
    ]  # fmt: skip
    write_csv(HERE / "outlook-es" / "Contactos.csv", r.OUTLOOK_ES_HEADERS, rows, encoding="cp1252",
              quote_all=True)  # fmt: skip


def google() -> None:
    rows = [
        {"First Name": "Anna", "Last Name": "Müller", "Organization Name": "Muster GmbH",
         "Organization Title": "Geschäftsführerin", "Birthday": "1980-04-23",
         "Labels": "* myContacts ::: Kunden", "E-mail 1 - Label": "* Work",
         "E-mail 1 - Value": "anna.mueller@muster.de ::: a.mueller@muster.de",
         "E-mail 2 - Label": "Home", "E-mail 2 - Value": "anna@privat.de",
         "Phone 1 - Label": "Work", "Phone 1 - Value": "+49 351 1234567",
         "Phone 2 - Label": "Mobile", "Phone 2 - Value": "+49 171 1234567",
         "Address 1 - Label": "Work", "Address 1 - Street": "Hauptstraße 12a",
         "Address 1 - City": "Dresden", "Address 1 - Postal Code": "01067",
         "Address 1 - Country": "DE", "Website 1 - Label": "Work",
         "Website 1 - Value": "https://www.muster.de"},
        {"First Name": "Max", "Last Name": "Fischer", "Organization Name": "Fischer IT",
         "Birthday": "--07-14", "Labels": "* myContacts", "E-mail 1 - Label": "Work",
         "E-mail 1 - Value": "max@fischer-it.de", "Phone 1 - Label": "Mobile",
         "Phone 1 - Value": "0172 3456789 ::: 0172 1111111",
         "Address 1 - City": "Leipzig", "Address 1 - Postal Code": "04109",
         "Address 1 - Country": "Germany"},
        {"First Name": "Eva", "Last Name": "Lang", "Birthday": "1991-13-01",  # defect
         "Labels": "* myContacts", "E-mail 1 - Label": "Home",
         "E-mail 1 - Value": "eva.lang@gmail.com"},
        {"First Name": "Karl", "Last Name": "Otto", "Organization Name": "Otto Bau",
         "Labels": "* myContacts", "E-mail 1 - Label": "Work",
         "E-mail 1 - Value": "karl.otto@otto-bau"},  # defect: e-mail
    ]  # fmt: skip
    write_csv(HERE / "google" / "contacts.csv", r.GOOGLE_HEADERS, rows)


def google_legacy() -> None:
    rows = [
        {"Name": "Anna Müller", "Given Name": "Anna", "Family Name": "Müller",
         "Birthday": "1980-04-23", "Gender": "female", "Group Membership": "* My Contacts",
         "E-mail 1 - Type": "* Work", "E-mail 1 - Value": "anna.mueller@muster.de",
         "E-mail 2 - Type": "Home", "E-mail 2 - Value": "anna@privat.de",
         "Phone 1 - Type": "Work", "Phone 1 - Value": "+49 351 1234567",
         "Phone 2 - Type": "Mobile", "Phone 2 - Value": "+49 171 1234567",
         "Address 1 - Type": "Work", "Address 1 - Street": "Hauptstraße 12a",
         "Address 1 - City": "Dresden", "Address 1 - Postal Code": "01067",
         "Address 1 - Country": "Germany",
         "Organization 1 - Name": "Muster GmbH ::: Fischer IT",
         "Organization 1 - Title": "Geschäftsführerin ::: Beirätin",
         "Website 1 - Value": "www.muster.de"},
        {"Name": "Max Fischer", "Given Name": "Max", "Family Name": "Fischer",
         "Birthday": "--07-14", "Group Membership": "* My Contacts ::: Partner",
         "E-mail 1 - Type": "* Work", "E-mail 1 - Value": "max@fischer-it.de ::: mf@fischer-it.de",
         "Phone 1 - Type": "Mobile", "Phone 1 - Value": "0172 3456789",
         "Organization 1 - Name": "Fischer IT"},
        {"Name": "Eva Lang", "Given Name": "Eva", "Family Name": "Lang",
         "E-mail 1 - Type": "Home", "E-mail 1 - Value": "eva.lang@@gmail.com"},  # defect
    ]  # fmt: skip
    write_csv(HERE / "google-legacy" / "contacts.csv", r.GOOGLE_LEGACY_HEADERS, rows)


def hubspot() -> None:
    companies = [
        {"Record ID": "5120001", "Company name": "Muster GmbH", "Company Domain Name": "muster.de",
         "Website URL": "https://www.muster.de", "Phone Number": "+49 351 1234500",
         "Street Address": "Hauptstraße 12a", "City": "Dresden", "Postal Code": "01067",
         "Country/Region": "Germany", "Industry": "COMPUTER_SOFTWARE",
         "Number of Employees": "45", "Annual Revenue": "3500000",
         "Create Date": "2023-02-01 10:15"},
        {"Record ID": "5120002", "Company name": "Fischer IT",
         "Company Domain Name": "fischer-it.de",
         "Website URL": "fischer-it.de", "City": "Leipzig", "Postal Code": "04109",
         "Country/Region": "Deutschland", "Create Date": "2023-03-11 09:00"},
        {"Record ID": "5120003", "Company name": "", "Company Domain Name": "ohne-name.de",
         "City": "Berlin", "Create Date": "2023-04-02 12:00"},  # defect: no name
    ]  # fmt: skip
    contacts = [
        {"Record ID": "901", "First Name": "Anna", "Last Name": "Müller",
         "Email": "anna.mueller@muster.de", "Phone Number": "+49 351 1234567",
         "Mobile Phone Number": "+49 171 1234567", "Job Title": "Geschäftsführerin",
         "Company Name": "Muster GmbH", "City": "Dresden", "Country/Region": "Germany",
         "Associated Company": "Muster GmbH", "Associated Company IDs": "5120001",
         "Create Date": "2023-02-01 10:20"},
        {"Record ID": "902", "First Name": "Max", "Last Name": "Fischer",
         "Email": "max@fischer-it.de", "Job Title": "Inhaber", "Company Name": "Fischer IT",
         "Associated Company": "Fischer IT;Muster GmbH",
         "Associated Company IDs": "5120002;5120001", "Create Date": "2023-03-11 09:05"},
        {"Record ID": "903", "First Name": "Eva", "Last Name": "Lang", "Email": "eva.lang@",
         "Create Date": "2023-05-01 08:00"},  # defect: e-mail
    ]  # fmt: skip
    write_csv(HERE / "hubspot" / "contacts.csv", r.HUBSPOT_CONTACT_HEADERS, contacts)
    write_xlsx(HERE / "hubspot" / "contacts.xlsx", "Contacts", r.HUBSPOT_CONTACT_HEADERS, contacts)
    # The export of a contacts view as HubSpot sets it up, plus Job Title: no companies' ids,
    # so its companies are named by "Company Name" (preset hubspot-contacts-by-name).
    view = ("Record ID", "First Name", "Last Name", "Email", "Phone Number", "Contact owner",
            "Company Name", "Job Title", "Lifecycle Stage", "Create Date")  # fmt: skip
    write_csv(HERE / "hubspot" / "hubspot-crm-exports-all-contacts-2024-03-05.csv", view, [
        {**contacts[0], "Contact owner": "Eva Berger", "Lifecycle Stage": "Customer"},
        {"Record ID": "904", "First Name": "Lena", "Last Name": "Graf", "Email": "lena@graf.at",
         "Phone Number": "+43 1 5123456", "Company Name": "Graf Consulting",
         "Job Title": "Partnerin", "Lifecycle Stage": "Lead", "Create Date": "2024-03-05 14:02"},
        {"Record ID": "905", "First Name": "Jonas", "Last Name": "Weber",
         "Email": "jonas.weber(at)weber.de", "Company Name": "Weber & Co. KG",
         "Create Date": "2024-03-06 09:00"},  # defect: e-mail
    ], quote_all=True)  # fmt: skip
    write_csv(HERE / "hubspot" / "companies.csv", r.HUBSPOT_COMPANY_HEADERS, companies)
    write_xlsx(
        HERE / "hubspot" / "companies.xlsx", "Companies", r.HUBSPOT_COMPANY_HEADERS, companies
    )


def salesforce() -> None:
    accounts = [
        {"ID": "0015g00000AbCdEAAA", "NAME": "Muster GmbH", "TYPE": "Customer - Direct",
         "BILLINGSTREET": "Hauptstraße 12a", "BILLINGCITY": "Dresden",
         "BILLINGPOSTALCODE": "01067", "BILLINGCOUNTRY": "Germany",
         "SHIPPINGSTREET": "Lagerweg 3", "SHIPPINGCITY": "Dresden",
         "SHIPPINGPOSTALCODE": "01109", "SHIPPINGCOUNTRY": "Germany",
         "PHONE": "+49 351 1234500", "WEBSITE": "www.muster.de", "INDUSTRY": "Technology",
         "CREATEDDATE": "2022-11-02T08:00:00.000Z"},
        {"ID": "0015g00000AbCdFAAB", "NAME": "Gruber Holzbau GmbH", "BILLINGCITY": "Wien",
         "BILLINGPOSTALCODE": "1140", "BILLINGCOUNTRY": "Austria", "PHONE": "+43 1 9140000",
         "CREATEDDATE": "2022-11-03T08:00:00.000Z"},
        {"ID": "0015g00000AbCdGAAC", "NAME": "Atlantis Trading", "BILLINGCOUNTRY": "Atlantis",
         "CREATEDDATE": "2022-11-04T08:00:00.000Z"},  # defect: country
    ]  # fmt: skip
    contacts = [
        {"ID": "0035g00000XyZaAAAQ", "ACCOUNTID": "0015g00000AbCdEAAA", "SALUTATION": "Ms.",
         "FIRSTNAME": "Anna", "LASTNAME": "Müller", "TITLE": "CEO",
         "EMAIL": "anna.mueller@muster.de", "PHONE": "+49 351 1234567",
         "MOBILEPHONE": "+49 171 1234567", "BIRTHDATE": "1980-04-23",
         "MAILINGSTREET": "Hauptstraße 12a", "MAILINGCITY": "Dresden",
         "MAILINGPOSTALCODE": "01067", "MAILINGCOUNTRY": "Germany",
         "CREATEDDATE": "2022-11-02T08:05:00.000Z"},
        {"ID": "0035g00000XyZbAAAQ", "ACCOUNTID": "0015g00000AbCdFAAB", "SALUTATION": "Mr.",
         "FIRSTNAME": "Lukas", "LASTNAME": "Gruber", "EMAIL": "lukas@gruber-holz.at",
         "PHONE": "01 9140001", "MAILINGCOUNTRY": "Austria",
         "CREATEDDATE": "2022-11-03T08:05:00.000Z"},
        {"ID": "0035g00000XyZcAAAQ", "ACCOUNTID": "0015g00000AbCdEAAA", "FIRSTNAME": "Tom",
         "LASTNAME": "Becker", "EMAIL": "tom.becker@muster.de", "BIRTHDATE": "1975-02-30",
         "CREATEDDATE": "2022-11-02T08:06:00.000Z"},  # defect: birthday
    ]  # fmt: skip
    write_csv(HERE / "salesforce" / "Account.csv", r.SALESFORCE_ACCOUNT_HEADERS, accounts)
    write_csv(HERE / "salesforce" / "Contact.csv", r.SALESFORCE_CONTACT_HEADERS, contacts)


def salesforce_report() -> None:
    rows = [
        {"Contact ID": "0035g00000XyZaAAAQ", "Salutation": "Ms.", "First Name": "Anna",
         "Last Name": "Müller", "Title": "CEO", "Account Name": "Muster GmbH",
         "Mailing Street": "Hauptstraße 12a", "Mailing City": "Dresden",
         "Mailing Zip/Postal Code": "01067", "Mailing Country": "Germany",
         "Phone": "+49 351 1234567", "Mobile": "+49 171 1234567",
         "Email": "anna.mueller@muster.de"},
        {"Contact ID": "0035g00000XyZbAAAQ", "Salutation": "Dr.", "First Name": "Lukas",
         "Last Name": "Gruber", "Account Name": "Gruber Holzbau GmbH",
         "Mailing City": "Wien", "Mailing Zip/Postal Code": "1140", "Mailing Country": "Austria",
         "Phone": "+43 1 9140001", "Email": "lukas@gruber-holz.at"},
        {"Contact ID": "0035g00000XyZcAAAQ", "Salutation": "Mr.", "First Name": "Tom",
         "Last Name": "Becker", "Account Name": "Muster GmbH",
         "Email": "tom.becker(at)muster.de"},  # defect: e-mail
    ]  # fmt: skip
    footer = (
        "\r\n"
        '"Confidential Information - Do Not Distribute"\r\n'
        '"Copyright (c) 2000-2024 salesforce.com, inc. All rights reserved."\r\n'
    )
    path = HERE / "salesforce" / "contacts-report.csv"
    write_csv(path, r.SALESFORCE_CONTACT_REPORT_HEADERS, rows)
    path.write_bytes(path.read_bytes() + footer.encode("utf-8"))


def linkedin() -> None:
    preamble = (
        "Notes:\r\n"
        '"When exporting your connection data, you may notice that some of the email '
        "addresses are missing. You will only see email addresses for connections who have "
        'allowed their connections to see or download their email address."\r\n'
        "\r\n"
    )
    rows = [
        {"First Name": "Anna", "Last Name": "Müller",
         "URL": "https://www.linkedin.com/in/anna-mueller-123", "Email Address": "",
         "Company": "Muster GmbH", "Position": "Geschäftsführerin", "Connected On": "23 Apr 2021"},
        {"First Name": "Max", "Last Name": "Fischer",
         "URL": "https://www.linkedin.com/in/maxfischer", "Email Address": "max@fischer-it.de",
         "Company": "Fischer IT", "Position": "Inhaber", "Connected On": "02 Jan 2023"},
        {"First Name": "Claire", "Last Name": "Dubois",
         "URL": "https://www.linkedin.com/in/clairedubois", "Email Address": "",
         "Company": "Atelier Dubois, SARL", "Position": "Directrice",
         "Connected On": "15 Jun 2024"},
        {"First Name": "", "Last Name": "", "URL": "https://www.linkedin.com/in/ghost",
         "Email Address": "", "Company": "", "Position": "",
         "Connected On": "01 Mar 2022"},  # defect: neither name nor e-mail
    ]  # fmt: skip
    write_csv(HERE / "linkedin" / "Connections.csv", r.LINKEDIN_HEADERS, rows, preamble=preamble)


def template(lang: str, name: str) -> None:
    path = HERE / "bulkio-template" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    make_template(path, lang=lang, force=True)  # the sample is ours to rewrite
    wb = load_workbook(path)
    de = lang == "de"
    companies = wb["Firmen" if de else "Companies"]
    contacts = wb["Kontakte" if de else "Contacts"]
    links = wb["Verknüpfungen" if de else "Links"]

    def put(ws: object, values: dict[str, str]) -> None:
        headers = [c.value for c in ws[1]]  # type: ignore[index]
        row = ws.max_row + 1  # type: ignore[attr-defined]
        for header, value in values.items():
            cell = ws.cell(row=row, column=headers.index(header) + 1)  # type: ignore[attr-defined]
            cell.value = value
            cell.data_type = "s"

    if de:
        put(
            companies,
            {
                "Externe ID": "K-1",
                "Firmenname *": "Muster GmbH",
                "Rechnungsadresse: PLZ": "01067",
                "Rechnungsadresse: Ort": "Dresden",
                "Rechnungsadresse: Land": "Deutschland",
            },
        )
        put(companies, {"Externe ID": "K-2", "Firmenname *": "Fischer IT"})
        put(
            companies,
            {"Externe ID": "K-3", "Firmenname *": "Otto Bau", "USt-IdNr.": "DE136695977"},
        )  # defect: VAT checksum (python-stdnum: invalid check digit)
        put(
            contacts,
            {
                "Externe ID": "C-1",
                "Vorname": "Anna",
                "Nachname *": "Müller",
                "E-Mail *": "anna.mueller@muster.de",
                "Firma (externe ID oder Name)": "K-1",
                "Geburtstag": "23.04.1980",
            },
        )
        put(
            contacts,
            {
                "Externe ID": "C-2",
                "Vorname": "Max",
                "Nachname *": "Fischer",
                "E-Mail *": "max(at)fischer-it.de",
            },
        )  # defect: e-mail
        put(
            links,
            {
                "Kontakt (externe ID oder E-Mail) *": "C-1",
                "Firma (externe ID oder Name) *": "K-2",
                "Position im Unternehmen": "Beirat",
            },
        )
    else:
        put(
            companies,
            {
                "External ID": "K-1",
                "Company name *": "Muster GmbH",
                "Invoice address: ZIP": "01067",
                "Invoice address: Town": "Dresden",
                "Invoice address: Country": "Germany",
            },
        )
        put(companies, {"External ID": "K-2", "Company name *": "Fischer IT"})
        put(
            companies,
            {"External ID": "K-3", "Company name *": "Otto Bau", "VAT ID": "DE136695977"},
        )  # defect: VAT checksum (python-stdnum: invalid check digit)
        put(
            contacts,
            {
                "External ID": "C-1",
                "First name": "Anna",
                "Last name *": "Müller",
                "E-mail *": "anna.mueller@muster.de",
                "Company (external ID or name)": "K-1",
                "Birthday": "1980-04-23",
            },
        )
        put(
            contacts,
            {
                "External ID": "C-2",
                "First name": "Max",
                "Last name *": "Fischer",
                "E-mail *": "max(at)fischer-it.de",
            },
        )  # defect: e-mail
        put(
            links,
            {
                "Contact (external ID or e-mail) *": "C-1",
                "Company (external ID or name) *": "K-2",
                "Position at company": "Advisor",
            },
        )
    wb.save(path)


def template_contacts() -> None:
    """A German template of contacts alone, for companies Kanbert has from vorlage-de.xlsx:
    one named by its external ID, one by its exact name, a second link on the Links sheet."""
    path = HERE / "bulkio-template" / "kontakte-de.xlsx"
    make_template(path, lang="de", entities="contacts", force=True)
    wb = load_workbook(path)
    contacts, links = wb["Kontakte"], wb["Verknüpfungen"]
    rows = [
        {"Externe ID": "C-3", "Geschlecht": "weiblich", "Vorname": "Eva", "Nachname *": "Lang",
         "E-Mail *": "eva.lang@muster.de", "Firma (externe ID oder Name)": "K-1",
         "Position im Unternehmen": "Einkauf"},
        {"Externe ID": "C-4", "Geschlecht": "männlich", "Vorname": "Jonas", "Nachname *": "Weber",
         "E-Mail *": "jonas.weber@fischer-it.de", "Firma (externe ID oder Name)": "Fischer IT"},
    ]  # fmt: skip
    for ws, values in ((contacts, rows[0]), (contacts, rows[1])):
        headers = [c.value for c in ws[1]]
        row = ws.max_row + 1
        for header, value in values.items():
            ws.cell(row=row, column=headers.index(header) + 1, value=value).data_type = "s"
    headers = [c.value for c in links[1]]
    for header, value in {"Kontakt (externe ID oder E-Mail) *": "C-3",
                          "Firma (externe ID oder Name) *": "Fischer IT",
                          "Position im Unternehmen": "Beirat"}.items():  # fmt: skip
        links.cell(row=2, column=headers.index(header) + 1, value=value).data_type = "s"
    wb.save(path)


def main() -> None:
    outlook_en()
    outlook_de()
    outlook_fr()
    outlook_nl()
    outlook_it()
    outlook_es()
    google()
    google_legacy()
    hubspot()
    salesforce()
    salesforce_report()
    linkedin()
    template("en", "template-en.xlsx")
    template("de", "vorlage-de.xlsx")
    template_contacts()
    print(f"samples written under {HERE}")


if __name__ == "__main__":
    main()
