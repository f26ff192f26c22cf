-- Reference implementation of the Chorus Pro account creation.
-- Times are Unix epoch seconds (REAL).

-- One structure per SIRET: enforced by the code inside a write transaction
-- (see store.create_account), not by a UNIQUE index, so that the seeded fault
-- "structure_dupliquee" can break the rule the way a hurried implementer would.
CREATE TABLE IF NOT EXISTS structure (
    id INTEGER PRIMARY KEY,
    siret TEXT NOT NULL,
    raison_sociale TEXT NOT NULL,
    libelle TEXT NOT NULL DEFAULT '',
    adresse TEXT NOT NULL DEFAULT '',
    complement_adresse_1 TEXT NOT NULL DEFAULT '',
    complement_adresse_2 TEXT NOT NULL DEFAULT '',
    code_postal TEXT NOT NULL DEFAULT '',
    ville TEXT NOT NULL DEFAULT '',
    pays TEXT NOT NULL DEFAULT '',
    non_diffusible INTEGER NOT NULL DEFAULT 0,
    created_at REAL NOT NULL
);
CREATE INDEX IF NOT EXISTS structure_siret ON structure (siret);

CREATE TABLE IF NOT EXISTS service (
    id INTEGER PRIMARY KEY,
    structure_id INTEGER NOT NULL REFERENCES structure (id),
    nom TEXT NOT NULL,
    UNIQUE (structure_id, nom)
);

-- role: 'gestionnaire_principal' or 'utilisateur'.
-- rattachement: 'structure' (whole structure) or 'services' (see utilisateur_service).
CREATE TABLE IF NOT EXISTS utilisateur (
    id INTEGER PRIMARY KEY,
    adresse_connexion TEXT NOT NULL UNIQUE COLLATE NOCASE,
    adresse_contact TEXT NOT NULL,
    nom TEXT NOT NULL,
    prenom TEXT NOT NULL,
    consentement_enquete INTEGER NOT NULL DEFAULT 0,
    structure_id INTEGER NOT NULL REFERENCES structure (id),
    role TEXT NOT NULL,
    rattachement TEXT NOT NULL,
    actif INTEGER NOT NULL DEFAULT 0,
    mot_de_passe_hash TEXT,
    question_secrete TEXT,
    reponse_hash TEXT,
    created_at REAL NOT NULL,
    activated_at REAL
);

CREATE TABLE IF NOT EXISTS utilisateur_service (
    utilisateur_id INTEGER NOT NULL REFERENCES utilisateur (id),
    service_id INTEGER NOT NULL REFERENCES service (id),
    PRIMARY KEY (utilisateur_id, service_id)
);

-- espace: a key of choices.ESPACES; actif: 1 for OUI, 0 for NON.
CREATE TABLE IF NOT EXISTS utilisateur_espace (
    utilisateur_id INTEGER NOT NULL REFERENCES utilisateur (id),
    espace TEXT NOT NULL,
    actif INTEGER NOT NULL,
    PRIMARY KEY (utilisateur_id, espace)
);

-- Only the sha256 of a link's token is stored; used_at makes it single-use.
CREATE TABLE IF NOT EXISTS lien_activation (
    id INTEGER PRIMARY KEY,
    utilisateur_id INTEGER NOT NULL REFERENCES utilisateur (id),
    token_sha256 TEXT NOT NULL UNIQUE,
    issued_at REAL NOT NULL,
    used_at REAL
);

-- Pending captcha challenges, kept on the server (the session cookie is only
-- signed, not encrypted) and deleted once answered.
CREATE TABLE IF NOT EXISTS captcha (
    id TEXT PRIMARY KEY,
    reponse TEXT NOT NULL,
    created_at REAL NOT NULL
);

-- Server-side sessions (sessions.py, Flask-Session): the cookie holds only the id. expiry moves forward
-- at each request (idle timeout); utilisateur_id is the logged-in account, if any.
CREATE TABLE IF NOT EXISTS session (
    id TEXT PRIMARY KEY,
    data BLOB NOT NULL,
    expiry REAL NOT NULL,
    utilisateur_id INTEGER
);
CREATE INDEX IF NOT EXISTS session_utilisateur ON session (utilisateur_id);
