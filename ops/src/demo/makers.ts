/*
 * Manufacturers as each tutelle's clerks type them (docs/SOURCES.md: `BRUKER`, `Bruker AXS`, `Bruker Biospin
 * GmbH`), the supplier that invoices them in France, and the letters their serial numbers start with.
 */

export interface Maker {
  /** The name a reconciliation should arrive at. */
  name: string;
  /** Spellings found in the sources, the canonical one included. */
  spellings: readonly string[];
  /** Who invoices: UL's `fournisseur`. */
  supplier: string;
  /** Letters serials start with; none may start like a prefix the normaliser strips (SN, NO, NUM, SERIE). */
  serialPrefix: string;
}

const m = (name: string, spellings: string[], supplier: string, serialPrefix: string): Maker => ({
  name,
  spellings: [name, ...spellings],
  supplier,
  serialPrefix,
});

export const MAKERS = {
  bruker: m(
    'Bruker',
    ['BRUKER', 'Bruker AXS', 'Bruker Biospin GmbH', 'BRUKER FRANCE', 'Bruker Daltonics'],
    'BRUKER FRANCE SAS',
    'H',
  ),
  thermo: m(
    'Thermo Fisher Scientific',
    ['THERMO FISHER', 'Thermo Fisher', 'THERMO SCIENTIFIC', 'ThermoFisher', 'Thermo Electron'],
    'THERMO FISHER DIAGNOSTICS SAS',
    'TF',
  ),
  zeiss: m(
    'Carl Zeiss',
    ['ZEISS', 'Zeiss', 'Carl Zeiss Microscopy GmbH', 'CARL ZEISS SAS'],
    'CARL ZEISS SAS',
    '4',
  ),
  leica: m('Leica Microsystems', ['LEICA', 'Leica', 'LEICA MICROSYSTEMS SAS'], 'LEICA MICROSYSTEMS SAS', 'L'),
  jeol: m('JEOL', ['Jeol', 'JEOL Ltd', 'JEOL (EUROPE) SAS'], 'JEOL (EUROPE) SAS', 'MP'),
  agilent: m(
    'Agilent',
    ['AGILENT', 'Agilent Technologies', 'AGILENT TECHNOLOGIES FRANCE'],
    'AGILENT TECHNOLOGIES FRANCE',
    'DE',
  ),
  waters: m('Waters', ['WATERS', 'Waters SAS', 'WATERS CORP'], 'WATERS SAS', 'W'),
  illumina: m('Illumina', ['ILLUMINA', 'Illumina Inc.'], 'ILLUMINA FRANCE SARL', 'M'),
  nanopore: m(
    'Oxford Nanopore',
    ['OXFORD NANOPORE', 'Oxford Nanopore Technologies', 'ONT'],
    'OXFORD NANOPORE TECHNOLOGIES',
    'PC',
  ),
  malvern: m(
    'Malvern Panalytical',
    ['MALVERN', 'Malvern Instruments', 'Malvern'],
    'MALVERN PANALYTICAL SAS',
    'MAL',
  ),
  panalytical: m(
    'PANalytical',
    ['PANALYTICAL', 'Malvern Panalytical', 'Panalytical BV'],
    'MALVERN PANALYTICAL SAS',
    'DY',
  ),
  beckman: m(
    'Beckman Coulter',
    ['BECKMAN COULTER', 'Beckman', 'Beckman-Coulter'],
    'BECKMAN COULTER FRANCE',
    'AX',
  ),
  nikon: m('Nikon', ['NIKON', 'Nikon France', 'NIKON INSTRUMENTS'], 'NIKON FRANCE SAS', 'K'),
  olympus: m('Olympus', ['OLYMPUS', 'Evident (Olympus)', 'EVIDENT'], 'EVIDENT EUROPE GMBH', 'OL'),
  fei: m('FEI', ['FEI Company', 'FEI / Thermo Fisher', 'F.E.I.'], 'FEI FRANCE SAS', 'D'),
  rigaku: m('Rigaku', ['RIGAKU', 'Rigaku Europe', 'Rigaku Corporation'], 'RIGAKU EUROPE SE', 'RG'),
  sciex: m('Sciex', ['SCIEX', 'AB Sciex', 'AB SCIEX'], 'AB SCIEX FRANCE', 'BC'),
  shimadzu: m('Shimadzu', ['SHIMADZU', 'Shimadzu France'], 'SHIMADZU FRANCE SAS', 'O'),
  bd: m('BD Biosciences', ['BD', 'BECTON DICKINSON', 'Becton Dickinson'], 'BECTON DICKINSON FRANCE', 'R'),
  cameca: m('Cameca', ['CAMECA', 'Cameca SAS'], 'CAMECA SAS', 'CA'),
  horiba: m('Horiba', ['HORIBA', 'Horiba Jobin Yvon', 'HORIBA SCIENTIFIC'], 'HORIBA FRANCE SAS', 'HJ'),
  renishaw: m('Renishaw', ['RENISHAW', 'Renishaw plc'], 'RENISHAW SAS', 'RW'),
  biorad: m('Bio-Rad', ['BIO-RAD', 'Bio Rad', 'Bio-Rad Laboratories'], 'BIO-RAD FRANCE', 'BR'),
  roche: m('Roche', ['ROCHE', 'Roche Diagnostics', 'Roche Ventana'], 'ROCHE DIAGNOSTICS FRANCE', 'RD'),
  perkin: m('PerkinElmer', ['PERKIN ELMER', 'Perkin-Elmer', 'Revvity'], 'PERKINELMER FRANCE SAS', 'PE'),
  hitachi: m('Hitachi', ['HITACHI', 'Hitachi High-Tech'], 'HITACHI HIGH-TECH EUROPE', 'HT'),
  tescan: m('Tescan', ['TESCAN', 'Tescan Orsay'], 'TESCAN FRANCE', 'TS'),
  oxford: m(
    'Oxford Instruments',
    ['OXFORD INSTRUMENTS', 'Oxford Instr.', 'OXFORD'],
    'OXFORD INSTRUMENTS SAS',
    'OX',
  ),
  netzsch: m('Netzsch', ['NETZSCH', 'Netzsch-Gerätebau GmbH'], 'NETZSCH FRANCE', 'NE'),
  mettler: m('Mettler Toledo', ['METTLER TOLEDO', 'Mettler-Toledo'], 'METTLER-TOLEDO SAS', 'B'),
  anton: m('Anton Paar', ['ANTON PAAR', 'Anton Paar GmbH'], 'ANTON PAAR FRANCE', 'AP'),
  elementar: m('Elementar', ['ELEMENTAR', 'Elementar Analysensysteme'], 'ELEMENTAR FRANCE', 'EA'),
  kratos: m('Kratos Analytical', ['KRATOS', 'Kratos'], 'KRATOS ANALYTICAL LTD', 'KR'),
  instron: m('Instron', ['INSTRON', 'Instron (ITW)'], 'INSTRON FRANCE', 'IN'),
  zwick: m('ZwickRoell', ['ZWICK', 'Zwick Roell', 'ZWICK ROELL'], 'ZWICKROELL FRANCE', 'ZR'),
  picarro: m('Picarro', ['PICARRO', 'Picarro Inc.'], 'PICARRO BV', 'CF'),
  licor: m('LI-COR', ['LICOR', 'Li-Cor Biosciences'], 'ECOMESURE', '68'),
  cytek: m('Cytek', ['CYTEK', 'Cytek Biosciences'], 'CYTEK BIOSCIENCES BV', 'V'),
  sony: m('Sony', ['SONY', 'Sony Biotechnology'], 'SONY EUROPE BV', 'SY'),
  miltenyi: m('Miltenyi Biotec', ['MILTENYI', 'Miltenyi'], 'MILTENYI BIOTEC SAS', 'MB'),
  tenx: m('10x Genomics', ['10X GENOMICS', '10x'], '10X GENOMICS BV', 'X'),
  hamamatsu: m('Hamamatsu', ['HAMAMATSU', 'Hamamatsu Photonics'], 'HAMAMATSU PHOTONICS FRANCE', 'HM'),
  visualsonics: m(
    'FUJIFILM VisualSonics',
    ['VISUALSONICS', 'Fujifilm Visualsonics'],
    'FUJIFILM VISUALSONICS',
    'VS',
  ),
  metrohm: m('Metrohm', ['METROHM', 'Metrohm AG'], 'METROHM FRANCE', 'ME'),
  dell: m('Dell', ['DELL', 'Dell Technologies', 'DELL EMC'], 'DELL SAS', 'J'),
  hpe: m('HPE', ['HEWLETT PACKARD ENTERPRISE', 'HP Enterprise'], 'HEWLETT PACKARD ENTERPRISE FRANCE', 'CZ'),
  lenovo: m('Lenovo', ['LENOVO', 'Lenovo Global Technology'], 'LENOVO FRANCE SAS', 'J3'),
  nvidia: m('NVIDIA', ['Nvidia', 'NVIDIA Corp.'], 'COMPUTACENTER FRANCE', 'QP'),
  netapp: m('NetApp', ['NETAPP', 'Net App'], 'SCC FRANCE', 'G'),
  kuka: m('KUKA', ['Kuka', 'KUKA Roboter'], 'KUKA AUTOMATISME ROBOTIQUE', 'KU'),
  vicon: m('Vicon', ['VICON', 'Vicon Motion Systems'], 'VICON MOTION SYSTEMS LTD', 'VC'),
  nabertherm: m('Nabertherm', ['NABERTHERM', 'Nabertherm GmbH'], 'NABERTHERM SARL', 'NB'),
  binder: m('Binder', ['BINDER', 'Binder GmbH'], 'BINDER FRANCE', 'BI'),
  alliance: m('Alliance Concept', ['ALLIANCE CONCEPT', 'Alliance-Concept'], 'ALLIANCE CONCEPT', 'AC'),
  riber: m('Riber', ['RIBER', 'Riber SA'], 'RIBER SA', 'RB'),
  plassys: m('Plassys', ['PLASSYS', 'Plassys Bestek'], 'PLASSYS BESTEK', 'PB'),
  teledyne: m(
    'Teledyne Cetac',
    ['TELEDYNE', 'Teledyne CETAC Technologies'],
    'TELEDYNE CETAC TECHNOLOGIES',
    'TC',
  ),
  struers: m('Struers', ['STRUERS', 'Struers SAS'], 'STRUERS SAS', 'ST'),
  buehler: m('Buehler', ['BUEHLER', 'Buehler ITW'], 'ITW TEST & MEASUREMENT FRANCE', 'BU'),
  mbraun: m('MBraun', ['MBRAUN', 'M. Braun Inertgas-Systeme'], 'MBRAUN FRANCE', 'MBR'),
  jacomex: m('Jacomex', ['JACOMEX', 'Jacomex SAS'], 'JACOMEX SAS', 'JX'),
  christ: m('Martin Christ', ['CHRIST', 'Christ Alpha'], 'FISHER SCIENTIFIC', 'CH'),
  cem: m('CEM', ['CEM Corporation', 'CEM MARS'], 'CEM MICRO-ONDES SAS', 'MD'),
  tecan: m('Tecan', ['TECAN', 'Tecan Group'], 'TECAN FRANCE SAS', 'TE'),
  hamilton: m('Hamilton', ['HAMILTON', 'Hamilton Robotics'], 'HAMILTON ROBOTICS SAS', 'HR'),
  bmg: m('BMG Labtech', ['BMG', 'BMG LABTECH'], 'BMG LABTECH SARL', 'BG'),
  cytiva: m('Cytiva', ['CYTIVA', 'GE Healthcare Life Sciences', 'Amersham'], 'CYTIVA EUROPE', 'CY'),
  retsch: m('Retsch', ['RETSCH', 'Retsch GmbH'], 'VERDER SCIENTIFIC SARL', 'RT'),
  quorum: m('Quorum Technologies', ['QUORUM', 'Quorum'], 'QUORUM TECHNOLOGIES LTD', 'QT'),
} satisfies Record<string, Maker>;

export type MakerKey = keyof typeof MAKERS;
