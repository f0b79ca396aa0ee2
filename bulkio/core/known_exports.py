"""The exports bulkio knows, as recognition sees them: the header row each product writes,
the names the same columns have in its other versions and UI languages, the headers that
only this product writes, and those that name a record.

Data only; ``recognize.py`` scores a file against it. The presets in bulkio/mappings/ read
these columns (each preset's header comment names its sources); a test keeps every column a
preset reads known here. Sources, by product:

- Outlook desktop, every UI language: Exchange 2013's own importer of Outlook CSV files
  (PiratesRE/exchange_diff, Microsoft.Exchange.Transport.Sync.Common/ImportContacts/
  OutlookCsvLanguageSelect.cs: the headers per language with their code page, 1252 for the
  Western ones) and OX App Suite's importers (open-xchange/appsuite-middleware,
  com.openexchange.importexport/importCSV/outlook2003.en_EN.properties ("Business Country"),
  outlook2016.en_EN.properties, outlook2007.de_DE.properties, outlook2007.nl_NL.properties).
- Outlook.com / new Outlook: the 61 columns of its export (FranckAudebrand/ldif2csv,
  ldif2csv.sh, "csv is base from a sample export of outlook365"); the older live.com export
  (michalbe/csv2vcard, README: "Home Country", "Given Name Yomi").
- Google Contacts: timelinize/timelinize, datasources/contactlist/formats.go, and the
  headers public tools read and write (current: "First Name ... Organization Name ...
  E-mail 1 - Label"; legacy: "Given Name ... Group Membership ... Organization 1 - Name").
- HubSpot: property labels as exported ("Record ID", "Associated Company IDs") and internal
  names ("hs_object_id", "firstname"), knowledge.hubspot.com "HubSpot's default contact
  properties" / "default company properties", developers.hubspot.com CRM properties API.
- Salesforce: field API names (Data Loader writes them in capitals, the weekly Data Export
  as written: "AccountId") and field labels (reports), developer.salesforce.com object
  reference for Contact and Account.
- LinkedIn: Connections.csv of "Get a copy of your data" (szabgab/code-maven.com,
  pages/backup-your-linkedin-data.md).
"""

from __future__ import annotations

from dataclasses import dataclass

from bulkio.core.entities import Entity

TEMPLATE_MARKER_SHEET = "_bulkio"
# A template's data sheets in each language: ("Companies", "Contacts"), ("Firmen", "Kontakte")
_TEMPLATE_TITLES = {lang: tuple(e.role.sheet_title(lang) for e in Entity) for lang in ("en", "de")}
LINKEDIN_PREAMBLE = r"^Notes:"


@dataclass(frozen=True)
class FormatSignature:
    """What marks one known export, and the preset that reads it."""

    preset: str
    title: str
    headers: tuple[str, ...] = ()  # the header row its main version writes
    identifying: tuple[str, ...] = ()  # a file names records only with one of these
    markers: tuple[str, ...] = ()  # written by this product only: one is evidence enough
    # (a header, its names in other versions and languages)
    variants: tuple[tuple[str, ...], ...] = ()
    also: tuple[str, ...] = ()  # headers of other versions; "{n}" stands for a number
    preamble: str | None = None  # a regex one of the lines above the header matches
    marker_sheet: str | None = None  # a sheet whose presence marks the workbook
    sheet_titles: tuple[str, ...] = ()  # with marker_sheet: one of these sheets must exist
    # a file is this format only with one of ``needs`` and none of ``not_with`` (siblings
    # that read the same product's file differently, e.g. HubSpot with or without the
    # companies' ids)
    needs: tuple[str, ...] = ()
    not_with: tuple[str, ...] = ()


OUTLOOK_EN_HEADERS: tuple[str, ...] = (
    "Title", "First Name", "Middle Name", "Last Name", "Suffix", "Company", "Department",
    "Job Title", "Business Street", "Business Street 2", "Business Street 3", "Business City",
    "Business State", "Business Postal Code", "Business Country/Region", "Home Street",
    "Home Street 2", "Home Street 3", "Home City", "Home State", "Home Postal Code",
    "Home Country/Region", "Other Street", "Other Street 2", "Other Street 3", "Other City",
    "Other State", "Other Postal Code", "Other Country/Region", "Assistant's Phone",
    "Business Fax", "Business Phone", "Business Phone 2", "Callback", "Car Phone",
    "Company Main Phone", "Home Fax", "Home Phone", "Home Phone 2", "ISDN", "Mobile Phone",
    "Other Fax", "Other Phone", "Pager", "Primary Phone", "Radio Phone", "TTY/TDD Phone",
    "Telex", "Account", "Anniversary", "Assistant's Name", "Billing Information", "Birthday",
    "Business Address PO Box", "Categories", "Children", "Directory Server", "E-mail Address",
    "E-mail Type", "E-mail Display Name", "E-mail 2 Address", "E-mail 2 Type",
    "E-mail 2 Display Name", "E-mail 3 Address", "E-mail 3 Type", "E-mail 3 Display Name",
    "Gender", "Government ID Number", "Hobby", "Home Address PO Box", "Initials",
    "Internet Free Busy", "Keywords", "Language", "Location", "Manager's Name", "Mileage",
    "Notes", "Office Location", "Organizational ID Number", "Other Address PO Box", "Priority",
    "Private", "Profession", "Referred By", "Sensitivity", "Spouse", "User 1", "User 2",
    "User 3", "User 4", "Web Page",
)  # fmt: skip

OUTLOOK_DE_HEADERS: tuple[str, ...] = (
    "Anrede", "Vorname", "Weitere Vornamen", "Nachname", "Suffix", "Firma", "Abteilung",
    "Position", "Straße geschäftlich", "Straße geschäftlich 2", "Straße geschäftlich 3",
    "Ort geschäftlich", "Region geschäftlich", "Postleitzahl geschäftlich",
    "Land/Region geschäftlich", "Straße privat", "Straße privat 2", "Straße privat 3",
    "Ort privat", "Bundesland/Kanton privat", "Postleitzahl privat", "Land/Region privat",
    "Weitere Straße", "Weitere Straße 2", "Weitere Straße 3", "Weiterer Ort",
    "Weiteres/r Bundesland/Kanton", "Weitere Postleitzahl", "Weiteres/e Land/Region",
    "Telefon Assistent", "Fax geschäftlich", "Telefon geschäftlich", "Telefon geschäftlich 2",
    "Rückmeldung", "Autotelefon", "Telefon Firma", "Fax privat", "Telefon privat",
    "Telefon privat 2", "ISDN", "Mobiltelefon", "Weiteres Fax", "Weiteres Telefon", "Pager",
    "Haupttelefon", "Mobiltelefon 2", "Telefon für Hörbehinderte", "Telex",
    "Abrechnungsinformation", "Benutzer 1", "Benutzer 2", "Benutzer 3", "Benutzer 4", "Beruf",
    "Büro", "E-Mail-Adresse", "E-Mail-Typ", "E-Mail: Angezeigter Name", "E-Mail 2: Adresse",
    "E-Mail 2: Typ", "E-Mail 2: Angezeigter Name", "E-Mail 3: Adresse", "E-Mail 3: Typ",
    "E-Mail 3: Angezeigter Name", "Empfohlen von", "Geburtstag", "Geschlecht", "Hobby",
    "Initialen", "Internet Frei/Gebucht", "Jahrestag", "Kategorien", "Kinder", "Konto",
    "Name Assistent", "Name des/r Vorgesetzten", "Notizen", "Organisationsnr.", "Ort",
    "Partner", "Postfach geschäftlich", "Postfach privat", "Priorität", "Privat",
    "Regierungsnr.", "Reisekilometer", "Sprache", "Stichwörter", "Vertraulichkeit",
    "Verzeichnisserver", "Webseite", "Weiteres Postfach",
)  # fmt: skip

# Google writes numbered columns (E-mail 2, Phone 3, ...) only as far as the data needs them;
# these are the ones every export of the current format has.
GOOGLE_HEADERS: tuple[str, ...] = (
    "First Name", "Middle Name", "Last Name", "Phonetic First Name", "Phonetic Middle Name",
    "Phonetic Last Name", "Name Prefix", "Name Suffix", "Nickname", "File As",
    "Organization Name", "Organization Title", "Organization Department", "Birthday", "Notes",
    "Photo", "Labels", "E-mail 1 - Label", "E-mail 1 - Value", "E-mail 2 - Label",
    "E-mail 2 - Value", "Phone 1 - Label", "Phone 1 - Value", "Phone 2 - Label",
    "Phone 2 - Value", "Address 1 - Label", "Address 1 - Formatted", "Address 1 - Street",
    "Address 1 - City", "Address 1 - PO Box", "Address 1 - Region", "Address 1 - Postal Code",
    "Address 1 - Country", "Address 1 - Extended Address", "Website 1 - Label",
    "Website 1 - Value",
)  # fmt: skip

GOOGLE_LEGACY_HEADERS: tuple[str, ...] = (
    "Name", "Given Name", "Additional Name", "Family Name", "Yomi Name", "Given Name Yomi",
    "Additional Name Yomi", "Family Name Yomi", "Name Prefix", "Name Suffix", "Initials",
    "Nickname", "Short Name", "Maiden Name", "Birthday", "Gender", "Location",
    "Billing Information", "Directory Server", "Mileage", "Occupation", "Hobby", "Sensitivity",
    "Priority", "Subject", "Notes", "Language", "Photo", "Group Membership", "E-mail 1 - Type",
    "E-mail 1 - Value", "E-mail 2 - Type", "E-mail 2 - Value", "Phone 1 - Type",
    "Phone 1 - Value", "Phone 2 - Type", "Phone 2 - Value", "Address 1 - Type",
    "Address 1 - Formatted", "Address 1 - Street", "Address 1 - City", "Address 1 - PO Box",
    "Address 1 - Region", "Address 1 - Postal Code", "Address 1 - Country",
    "Address 1 - Extended Address", "Organization 1 - Type", "Organization 1 - Name",
    "Organization 1 - Yomi Name", "Organization 1 - Title", "Organization 1 - Department",
    "Organization 1 - Symbol", "Organization 1 - Location", "Organization 1 - Job Description",
    "Website 1 - Type", "Website 1 - Value",
)  # fmt: skip

HUBSPOT_CONTACT_HEADERS: tuple[str, ...] = (
    "Record ID", "First Name", "Last Name", "Email", "Phone Number", "Mobile Phone Number",
    "Fax Number", "Job Title", "Company Name", "Street Address", "City", "State/Region",
    "Postal Code", "Country/Region", "Website URL", "Date of birth", "Contact owner",
    "Lifecycle Stage", "Lead Status", "Create Date", "Last Activity Date", "Associated Company",
    "Associated Company IDs",
)  # fmt: skip

HUBSPOT_COMPANY_HEADERS: tuple[str, ...] = (
    "Record ID", "Company name", "Company Domain Name", "Website URL", "Phone Number",
    "Street Address", "Street Address 2", "City", "State/Region", "Postal Code",
    "Country/Region", "Industry", "Number of Employees", "Annual Revenue", "Company owner",
    "Create Date", "Lifecycle Stage", "Description", "LinkedIn Company Page",
    "Associated Contact IDs",
)  # fmt: skip

SALESFORCE_CONTACT_HEADERS: tuple[str, ...] = (
    "ID", "ACCOUNTID", "SALUTATION", "FIRSTNAME", "LASTNAME", "TITLE", "DEPARTMENT", "EMAIL",
    "PHONE", "MOBILEPHONE", "HOMEPHONE", "FAX", "BIRTHDATE", "MAILINGSTREET", "MAILINGCITY",
    "MAILINGSTATE", "MAILINGPOSTALCODE", "MAILINGCOUNTRY", "OWNERID", "CREATEDDATE",
)  # fmt: skip

SALESFORCE_ACCOUNT_HEADERS: tuple[str, ...] = (
    "ID", "NAME", "TYPE", "PARENTID", "BILLINGSTREET", "BILLINGCITY", "BILLINGSTATE",
    "BILLINGPOSTALCODE", "BILLINGCOUNTRY", "SHIPPINGSTREET", "SHIPPINGCITY", "SHIPPINGSTATE",
    "SHIPPINGPOSTALCODE", "SHIPPINGCOUNTRY", "PHONE", "FAX", "WEBSITE", "INDUSTRY",
    "NUMBEROFEMPLOYEES", "ANNUALREVENUE", "DESCRIPTION", "OWNERID", "CREATEDDATE",
)  # fmt: skip

# A report (Reports > a contacts report > Export > Details Only, CSV) writes the field labels
# of the columns the report shows; these are the ones public import code expects of it.
SALESFORCE_CONTACT_REPORT_HEADERS: tuple[str, ...] = (
    "Contact ID", "Salutation", "First Name", "Last Name", "Title", "Account Name",
    "Mailing Street", "Mailing City", "Mailing State/Province", "Mailing Zip/Postal Code",
    "Mailing Country", "Phone", "Mobile", "Email",
)  # fmt: skip

LINKEDIN_HEADERS: tuple[str, ...] = (
    "First Name", "Last Name", "URL", "Email Address", "Company", "Position", "Connected On",
)  # fmt: skip


OUTLOOK_FR_HEADERS: tuple[str, ...] = (
    "Titre", "Prénom", "Deuxième prénom", "Nom", "Suffixe", "Société", "Service", "Titre",
    "Rue (bureau)", "Rue (bureau) 2", "Rue (bureau) 3", "Ville (bureau)", "Dép/Région (bureau)",
    "Code postal (bureau)", "Pays/Région (bureau)", "Rue (domicile)", "Rue (domicile) 2",
    "Rue (domicile) 3", "Ville (domicile)", "Dép/Région (domicile)", "Code postal (domicile)",
    "Pays/Région (domicile)", "Rue (autre)", "Rue (autre) 2", "Rue (autre) 3", "Ville (autre)",
    "Dép/Région (autre)", "Code postal (autre)", "Pays/Région (autre)",
    "Téléphone de l'assistant(e)", "Télécopie (bureau)", "Téléphone (bureau)",
    "Téléphone 2 (bureau)", "Rappel", "Téléphone (voiture)", "Téléphone société",
    "Télécopie (domicile)", "Téléphone (domicile)", "Téléphone 2 (domicile)", "RNIS",
    "Tél. mobile", "Télécopie (autre)", "Téléphone (autre)", "Récepteur de radiomessagerie",
    "Téléphone principal", "Radio téléphone", "Téléphone TDD/TTY", "Télex", "Compte",
    "Anniversaire de mariage ou fête", "Nom de l'assistant(e)", "Informations facturation",
    "Anniversaire", "B.P. professionnelle", "Catégories", "Enfants", "Adresse de messagerie",
    "Type de messagerie", "Nom complet de l'adresse de messagerie", "Adresse de messagerie 2",
    "Type de messagerie 2", "Nom complet de l'adresse de messagerie 2", "Adresse de messagerie 3",
    "Type de messagerie 3", "Nom complet de l'adresse de messagerie 3", "Sexe",
    "Code gouvernement", "Passe-temps", "Boîte postale du domicile", "Initiales",
    "Disponibilité Internet", "Emplacement", "Responsable", "Kilométrage", "Notes", "Bureau",
    "Autre boîte postale", "Priorité", "Profession", "Critère de diffusion", "Conjoint(e)",
    "Utilisateur 1", "Utilisateur 2", "Utilisateur 3", "Utilisateur 4", "Page Web",
)  # fmt: skip
OUTLOOK_FR_YOMI = ("Prénom Yomi", "Nom Yomi", "Société Yomi")

OUTLOOK_NL_HEADERS: tuple[str, ...] = (
    "Titel", "Voornaam", "Middelste naam", "Achternaam", "Achtervoegsel", "Bedrijf", "Afdeling",
    "Functie", "Werkadres, straat", "Werkadres 2, straat", "Werkadres 3, straat",
    "Werkadres, plaats", "Werkadres, provincie", "Werkadres, postcode", "Land/regio (werk)",
    "Huisadres, straat", "Huisadres, straat 2", "Huisadres, straat 3", "Huisadres, plaats",
    "Huisadres, provincie", "Huisadres, postcode", "Land/regio (thuis)", "Ander adres, straat",
    "Ander adres, straat 2", "Ander adres, straat 3", "Ander adres, plaats",
    "Ander adres, provincie", "Ander adres, postcode", "Land/regio (anders)", "Telefoon assistent",
    "Fax op werk", "Telefoon op werk", "Telefoon op werk 2", "Terugbellen", "Autotelefoon",
    "Hoofdtelefoon bedrijf", "Fax thuis", "Telefoon thuis", "Telefoon thuis 2", "ISDN",
    "Mobiele telefoon", "Andere fax", "Andere telefoon", "Pager", "Hoofdtelefoon", "Radiotelefoon",
    "Teksttelefoon", "Telex", "Account", "Speciale datum", "Naam assistent", "Factuurinformatie",
    "Verjaardag", "Werkadres, postbusnummer", "Categorieën", "Kinderen", "E-mailadres",
    "E-mailtype", "Weergavenaam voor e-mail", "E-mailadres 2", "E-mailtype 2",
    "E-mail, weergegeven naam 2", "E-mailadres 3", "E-mailtype 3", "E-mail, weergegeven naam 3",
    "Geslacht", "Sofinummer", "Hobby's", "Huisadres, postbusnummer", "Initialen",
    "Internet Beschikbaarheidsinfo", "Locatie", "Naam manager", "Reisafstand", "Notities",
    "Kantoorlocatie", "Ander adres, postbusnummer", "Prioriteit", "Beroep", "Gevoeligheid",
    "Partner", "Gebruiker 1", "Gebruiker 2", "Gebruiker 3", "Gebruiker 4", "Webpagina",
)  # fmt: skip
OUTLOOK_NL_YOMI = ("Given Yomi", "Surname Yomi", "Company Yomi")

OUTLOOK_IT_HEADERS: tuple[str, ...] = (
    "Titolo", "Nome", "Secondo nome", "Cognome", "Titolo straniero", "Società", "Reparto",
    "Posizione", "Via (uff.)", "Via (uff.) 2", "Via (uff.) 3", "Città (uff.)", "Provincia (uff.)",
    "CAP (uff.)", "Paese (uff.)", "Via (ab.)", "Via (ab.) 2", "Via (ab.) 3", "Città (ab.)",
    "Provincia (ab.)", "CAP (ab.)", "Paese (ab.)", "Altra via", "Altra via 2", "Altra via 3",
    "Altra città", "Altra provincia", "Altro CAP", "Altro paese", "Telefono assistente",
    "Fax (uff.)", "Ufficio", "Ufficio 2", "Richiamata automatica", "Telefono auto",
    "Telefono principale società", "Fax (ab.)", "Abitazione", "Abitazione 2", "ISDN", "Cellulare",
    "Altro fax", "Altro telefono", "Cercapersone", "Telefono principale", "Radiotelefono",
    "Telefono TTY/TDD", "Telex", "Account", "Anniversario", "Nome assistente", "Dati fatturazione",
    "Compleanno", "Indirizzo (uff.) - Casella postale", "Categorie", "Figli",
    "Indirizzo posta elettronica", "Tipo posta elettronica", "Nome visualizzato posta elettronica",
    "Indirizzo posta elettronica 2", "Tipo posta elettronica 2",
    "Nome visualizzato posta elettronica 2", "Indirizzo posta elettronica 3",
    "Tipo posta elettronica 3", "Nome visualizzato posta elettronica 3", "Sesso",
    "Cod. Fisc./P. IVA", "Hobby", "Indirizzo (ab.) - Casella postale", "Iniziali",
    "Disponibilità Internet", "Luogo", "Nome manager", "Indennità trasferta", "Notes",
    "Ubicazione ufficio", "Altro indirizzo - Casella postale", "Priorità", "Professione",
    "Riservatezza", "Nome coniuge", "Utente 1", "Utente 2", "Utente 3", "Utente 4", "Pagina Web",
)  # fmt: skip
OUTLOOK_IT_YOMI = ("Given Yomi", "Surname Yomi", "Company Yomi")

OUTLOOK_ES_HEADERS: tuple[str, ...] = (
    "Title", "Nombre", "Segundo nombre", "Apellidos", "Suffix", "Organización", "Department",
    "Puesto", "Calle del trabajo", "Calle del trabajo 2", "Calle del trabajo 3",
    "Ciudad de trabajo", "Provincia o estado de trabajo", "Código postal del trabajo",
    "País o región del trabajo", "Home Street", "Home Street 2", "Home Street 3", "Home City",
    "Home State", "Home Postal Code", "País o región del domicilio", "Otra calle", "Otra calle 2",
    "Otra calle 3", "Otra ciudad", "Otra provincia o estado", "Otro código postal",
    "Otro país o región", "Assistant's Phone", "Business Fax", "Teléfono del trabajo",
    "Business Phone 2", "Devolución de llamada", "Car Phone",
    "Número de centralita de la organización", "Home Fax", "Particular", "Home Phone 2", "ISDN",
    "Mobile Phone", "Otro fax", "Otro teléfono", "Pager", "Teléfono principal", "Radioteléfono",
    "Número de teletipo", "Télex", "Account", "Anniversary", "Assistant's Name", "Facturación",
    "Birthday", "Apartado postal de la dirección del trabajo", "Categorías", "Hijos",
    "E-mail Address", "E-mail Type", "Nombre de pantalla de correo electrónico",
    "Dirección de correo electrónico 2", "Tipo de correo electrónico 2",
    "Nombre de pantalla de correo electrónico 2", "Dirección del correo electrónico 3",
    "Tipo de correo electrónico 3", "Nombre de pantalla de correo electrónico 3", "Género",
    "Government ID Number", "Aficiones", "Apartado postal de la dirección personal", "Initials",
    "Internet Free Busy", "Location", "Nombre del director", "Kilometraje", "Notes",
    "Office Location", "Otro apartado postal", "Prioridad", "Profesión", "Confidencialidad",
    "Spouse", "Usuario 1", "Usuario 2", "Usuario 3", "Usuario 4", "Página web",
)  # fmt: skip
OUTLOOK_ES_YOMI = ("Yomi especificada", "Apellido Yomi", "Compañía Yomi")


# -- What each export adds: its other versions' names, its own headers, what names a record ---

OUTLOOK_EN_VARIANTS: tuple[tuple[str, ...], ...] = (
    # Outlook 2003, live.com and Google's "Outlook CSV" write the country without "/Region"
    ("Business Country/Region", "Business Country"),
    ("Home Country/Region", "Home Country"),
    ("Other Country/Region", "Other Country"),
)
# Outlook.com / new Outlook (61 columns), live.com, Exchange's importer; Google's "Outlook
# CSV" adds the whole address beside the street ("Business Address")
OUTLOOK_COM_ONLY = (
    "Nickname", "Given Yomi", "Surname Yomi", "Company Yomi", "IMAddress", "Personal Web Page",
    "Schools", "Mobile Phone 2", "Given Name Yomi", "Family Name Yomi", "Business Address",
    "Home Address", "Other Address",
)  # fmt: skip
OUTLOOK_DE_VARIANTS: tuple[tuple[str, ...], ...] = (
    ("Internet Frei/Gebucht", "Internet-Frei/Gebucht"),  # Exchange 2013's German map
    ("Name des/r Vorgesetzten", "Name des/der Vorgesetzten"),
    ("Organisationsnr.", "Organisations-Nr."),  # OX App Suite, outlook2007.de_DE
)
OUTLOOK_NL_VARIANTS: tuple[tuple[str, ...], ...] = (  # Outlook 2003 (OX App Suite's nl_NL map)
    ("Werkadres, plaats", "Werkplaats"),
    ("Land/regio (werk)", "Werkland"),
    ("Werkadres, provincie", "Werkprovincie"),
    ("Huisadres, provincie", "Provincie"),
    ("Webpagina", "Webpagina 1"),
)
GOOGLE_NUMBERED = (
    "E-mail {n} - Label", "E-mail {n} - Value", "Phone {n} - Label", "Phone {n} - Value",
    "Address {n} - Label", "Address {n} - Formatted", "Address {n} - Street",
    "Address {n} - City", "Address {n} - PO Box", "Address {n} - Region",
    "Address {n} - Postal Code", "Address {n} - Country", "Address {n} - Extended Address",
    "Website {n} - Label", "Website {n} - Value", "Relation {n} - Label", "Relation {n} - Value",
    "Event {n} - Label", "Event {n} - Value", "Custom Field {n} - Label",
    "Custom Field {n} - Value", "IM {n} - Label", "IM {n} - Service", "IM {n} - Value",
)  # fmt: skip
GOOGLE_LEGACY_NUMBERED = (
    *(h.replace(" - Label", " - Type") for h in GOOGLE_NUMBERED),
    "Organization {n} - Type", "Organization {n} - Name", "Organization {n} - Yomi Name",
    "Organization {n} - Title", "Organization {n} - Department", "Organization {n} - Symbol",
    "Organization {n} - Location", "Organization {n} - Job Description",
)  # fmt: skip
# The companies' "Record ID"s beside each contact, in every version of the export.
HUBSPOT_COMPANY_IDS: tuple[str, ...] = (
    "Associated Company IDs", "Associated Company ID", "Associated Company IDs (Primary)",
    "associatedcompanyid",
)  # fmt: skip
HUBSPOT_CONTACT_VARIANTS: tuple[tuple[str, ...], ...] = (
    # older exports labelled the record id "Contact ID"; internal names from the API docs
    ("Record ID", "Contact ID", "hs_object_id"),
    ("First Name", "firstname"), ("Last Name", "lastname"), ("Email", "email"),
    ("Phone Number", "phone"), ("Mobile Phone Number", "mobilephone"), ("Fax Number", "fax"),
    ("Job Title", "jobtitle"), ("Company Name", "company"), ("Street Address", "address"),
    ("City", "city"), ("State/Region", "state"), ("Postal Code", "zip"),
    ("Country/Region", "country"), ("Website URL", "website"),
    ("Date of birth", "date_of_birth"), ("Contact owner", "hubspot_owner_id"),
    ("Lifecycle Stage", "lifecyclestage"), ("Lead Status", "hs_lead_status"),
    ("Create Date", "createdate"), ("Last Activity Date", "notes_last_updated"),
    HUBSPOT_COMPANY_IDS,
)  # fmt: skip
HUBSPOT_COMPANY_VARIANTS: tuple[tuple[str, ...], ...] = (
    ("Record ID", "Company ID", "hs_object_id"), ("Company name", "name"),
    ("Company Domain Name", "domain"), ("Website URL", "website"), ("Phone Number", "phone"),
    ("Street Address", "address"), ("Street Address 2", "address2"), ("City", "city"),
    ("State/Region", "state"), ("Postal Code", "zip"), ("Country/Region", "country"),
    ("Industry", "industry"), ("Number of Employees", "numberofemployees"),
    ("Annual Revenue", "annualrevenue"), ("Company owner", "hubspot_owner_id"),
    ("Create Date", "createdate"), ("Lifecycle Stage", "lifecyclestage"),
    ("Description", "description"), ("LinkedIn Company Page", "linkedin_company_page"),
)  # fmt: skip
SALESFORCE_CONTACT_ALSO = (  # further Contact fields (object reference), as Data Loader writes
    "OTHERSTREET", "OTHERCITY", "OTHERSTATE", "OTHERPOSTALCODE", "OTHERCOUNTRY", "OTHERPHONE",
    "ASSISTANTNAME", "ASSISTANTPHONE", "REPORTSTOID", "LEADSOURCE", "DESCRIPTION", "ISDELETED",
    "MASTERRECORDID", "NAME", "LASTMODIFIEDDATE", "LASTMODIFIEDBYID", "CREATEDBYID",
    "SYSTEMMODSTAMP", "LASTACTIVITYDATE", "EMAILBOUNCEDREASON", "EMAILBOUNCEDDATE",
    "MAILINGLATITUDE", "MAILINGLONGITUDE", "MAILINGGEOCODEACCURACY",
)  # fmt: skip
SALESFORCE_ACCOUNT_ALSO = (
    "ACCOUNTNUMBER", "SITE", "ACCOUNTSOURCE", "ISDELETED", "MASTERRECORDID", "RATING",
    "OWNERSHIP", "TICKERSYMBOL", "SIC", "LASTMODIFIEDDATE", "LASTMODIFIEDBYID", "CREATEDBYID",
    "SYSTEMMODSTAMP", "LASTACTIVITYDATE", "BILLINGLATITUDE", "BILLINGLONGITUDE",
    "SHIPPINGLATITUDE", "SHIPPINGLONGITUDE",
)  # fmt: skip
SALESFORCE_REPORT_ALSO = (
    "Account ID", "Contact Owner", "Created Date", "Last Modified Date", "Lead Source",
    "Department", "Description", "Fax", "Home Phone", "Other Phone", "Birthdate", "Reports To",
    "Assistant", "Asst. Phone",
)  # fmt: skip

FORMATS: tuple[FormatSignature, ...] = (
    FormatSignature(
        "outlook", "Outlook CSV export (English)", OUTLOOK_EN_HEADERS,
        identifying=("First Name", "Last Name", "E-mail Address"),
        markers=("E-mail Address", "E-mail 2 Address", "Business Street", "Business City",
                 "Business Postal Code", "Business Country/Region", "Home Street",
                 "Home Postal Code", "Business Phone", "Company Main Phone"),
        variants=OUTLOOK_EN_VARIANTS, also=OUTLOOK_COM_ONLY,
    ),
    FormatSignature(
        "outlook-de", "Outlook CSV export (German)", OUTLOOK_DE_HEADERS,
        identifying=("Vorname", "Nachname", "E-Mail-Adresse"),
        markers=("E-Mail-Adresse", "E-Mail 2: Adresse", "Straße geschäftlich",
                 "Ort geschäftlich", "Postleitzahl geschäftlich", "Land/Region geschäftlich",
                 "Telefon geschäftlich", "Straße privat", "Postleitzahl privat"),
        variants=OUTLOOK_DE_VARIANTS, also=("Vorname Yomi", "Nachname Yomi", "Firma Yomi"),
    ),
    FormatSignature(
        "outlook-fr", "Outlook CSV export (French)", OUTLOOK_FR_HEADERS,
        identifying=("Prénom", "Nom", "Adresse de messagerie"),
        markers=("Adresse de messagerie", "Adresse de messagerie 2", "Rue (bureau)",
                 "Ville (bureau)", "Code postal (bureau)", "Pays/Région (bureau)",
                 "Téléphone (bureau)", "Rue (domicile)", "Code postal (domicile)"),
        also=OUTLOOK_FR_YOMI,
    ),
    FormatSignature(
        "outlook-nl", "Outlook CSV export (Dutch)", OUTLOOK_NL_HEADERS,
        identifying=("Voornaam", "Achternaam", "E-mailadres"),
        markers=("E-mailadres", "E-mailadres 2", "Werkadres, straat", "Werkadres, plaats",
                 "Werkadres, postcode", "Land/regio (werk)", "Telefoon op werk",
                 "Huisadres, straat", "Huisadres, postcode"),
        variants=OUTLOOK_NL_VARIANTS, also=OUTLOOK_NL_YOMI,
    ),
    FormatSignature(
        "outlook-it", "Outlook CSV export (Italian)", OUTLOOK_IT_HEADERS,
        identifying=("Nome", "Cognome", "Indirizzo posta elettronica"),
        markers=("Indirizzo posta elettronica", "Indirizzo posta elettronica 2", "Via (uff.)",
                 "Città (uff.)", "CAP (uff.)", "Paese (uff.)", "Via (ab.)", "CAP (ab.)"),
        also=OUTLOOK_IT_YOMI,
    ),
    FormatSignature(
        "outlook-es", "Outlook CSV export (Spanish)", OUTLOOK_ES_HEADERS,
        # Spanish Outlook leaves some labels in English ("E-mail Address", "Home Street")
        identifying=("Nombre", "Apellidos", "E-mail Address"),
        markers=("Calle del trabajo", "Ciudad de trabajo", "Código postal del trabajo",
                 "País o región del trabajo", "Teléfono del trabajo",
                 "Dirección de correo electrónico 2", "País o región del domicilio"),
        also=OUTLOOK_ES_YOMI,
    ),
    FormatSignature(
        "google", "Google Contacts CSV export", GOOGLE_HEADERS,
        identifying=("First Name", "Last Name", "E-mail 1 - Value"),
        markers=("E-mail 1 - Label", "Phone 1 - Label", "Address 1 - Label", "Organization Name",
                 "Organization Title", "Organization Department", "File As", "Labels",
                 "Phonetic First Name"),
        also=GOOGLE_NUMBERED,
    ),
    FormatSignature(
        "google-legacy", "Google Contacts CSV export (legacy format)", GOOGLE_LEGACY_HEADERS,
        identifying=("Given Name", "Family Name", "Name", "E-mail 1 - Value"),
        markers=("Given Name", "Family Name", "Additional Name", "Group Membership",
                 "E-mail 1 - Type", "Phone 1 - Type", "Organization 1 - Name", "Yomi Name"),
        also=GOOGLE_LEGACY_NUMBERED,
    ),
    FormatSignature(
        "hubspot-contacts", "HubSpot contacts export", HUBSPOT_CONTACT_HEADERS,
        identifying=("First Name", "Last Name", "Email"),
        markers=("Record ID", "Associated Company IDs", "Associated Company", "Lifecycle Stage",
                 "Lead Status", "Contact owner", "Mobile Phone Number", "hs_object_id"),
        variants=HUBSPOT_CONTACT_VARIANTS,
        needs=HUBSPOT_COMPANY_IDS,
    ),
    FormatSignature(
        "hubspot-contacts-by-name", "HubSpot contacts export, companies by name",
        HUBSPOT_CONTACT_HEADERS,
        identifying=("First Name", "Last Name", "Email"),
        markers=("Record ID", "Associated Company", "Lifecycle Stage", "Lead Status",
                 "Contact owner", "Mobile Phone Number", "hs_object_id"),
        variants=HUBSPOT_CONTACT_VARIANTS,
        not_with=HUBSPOT_COMPANY_IDS,
    ),
    FormatSignature(
        "hubspot-companies", "HubSpot companies export", HUBSPOT_COMPANY_HEADERS,
        identifying=("Company name",),
        markers=("Record ID", "Company Domain Name", "Associated Contact IDs",
                 "LinkedIn Company Page", "Company owner", "hs_object_id"),
        variants=HUBSPOT_COMPANY_VARIANTS,
    ),
    FormatSignature(
        "salesforce-contacts", "Salesforce contacts (Data Loader export)",
        SALESFORCE_CONTACT_HEADERS,
        identifying=("FIRSTNAME", "LASTNAME", "EMAIL"),
        markers=("ACCOUNTID", "MAILINGSTREET", "MAILINGCITY", "MAILINGPOSTALCODE",
                 "MAILINGCOUNTRY", "MOBILEPHONE", "OWNERID"),
        also=SALESFORCE_CONTACT_ALSO,
    ),
    FormatSignature(
        "salesforce-accounts", "Salesforce accounts (Data Loader export)",
        SALESFORCE_ACCOUNT_HEADERS,
        identifying=("NAME",),
        markers=("BILLINGSTREET", "BILLINGCITY", "BILLINGPOSTALCODE", "SHIPPINGSTREET",
                 "NUMBEROFEMPLOYEES", "ANNUALREVENUE", "PARENTID"),
        also=SALESFORCE_ACCOUNT_ALSO,
    ),
    FormatSignature(
        "salesforce-contacts-report", "Salesforce contacts report (CSV export)",
        SALESFORCE_CONTACT_REPORT_HEADERS,
        identifying=("First Name", "Last Name", "Email"),
        markers=("Contact ID", "Account Name", "Mailing Street", "Mailing City",
                 "Mailing State/Province", "Mailing Zip/Postal Code", "Mailing Country"),
        also=SALESFORCE_REPORT_ALSO,
    ),
    FormatSignature(
        "linkedin", "LinkedIn Connections.csv", LINKEDIN_HEADERS,
        identifying=("First Name", "Last Name", "Email Address"),
        markers=("Connected On",), preamble=LINKEDIN_PREAMBLE,
    ),
    FormatSignature(
        "bulkio-template", "bulkio template (English)", marker_sheet=TEMPLATE_MARKER_SHEET,
        sheet_titles=_TEMPLATE_TITLES["en"],
    ),
    FormatSignature(
        "bulkio-template-de", "bulkio template (German)", marker_sheet=TEMPLATE_MARKER_SHEET,
        sheet_titles=_TEMPLATE_TITLES["de"],
    ),
)  # fmt: skip


def signature_for(preset: str) -> FormatSignature | None:
    return next((f for f in FORMATS if f.preset == preset), None)
