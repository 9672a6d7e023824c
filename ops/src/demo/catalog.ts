import { MAKERS, type MakerKey } from './makers';

/*
 * What platforms on a site like Lorraine's own: kinds of instruments with real makers, models and price
 * ranges, and the archetypes of platform that group them. Kept as tables, one kind or archetype per
 * paragraph, so the catalogue reads like the inventory it feeds; parsed and checked when loaded.
 */

/**
 * How a platform sells an instrument's time: docs/SOURCES.md service units, with typical staff involvement.
 */
export type ServiceMode = 'autonomy' | 'operator' | 'sample' | 'day' | 'run';
const SERVICE_MODES: readonly string[] = ['autonomy', 'operator', 'sample', 'day', 'run'];

export type Domain = 'materials' | 'chemistry' | 'life' | 'environment' | 'geosciences' | 'computing';
const DOMAINS: readonly string[] = [
  'materials',
  'chemistry',
  'life',
  'environment',
  'geosciences',
  'computing',
];

export interface InstrumentKind {
  key: string;
  /** French designation, as a clerk would write it. */
  label: string;
  /** Short code: service codes and abbreviated designations ('RMN600', 'MEB'). */
  abbr: string;
  /** Price range HT in k€. */
  price: readonly [number, number];
  lifeYears: number;
  /** How common the kind is among its platforms' instruments. */
  weight: number;
  services: readonly ServiceMode[];
  makers: ReadonlyArray<readonly [MakerKey, readonly string[]]>;
}

/** One kind or archetype per paragraph: a `|`-separated first line, then indented lines. */
function paragraphs(table: string): Array<{ head: string[]; body: string[] }> {
  const result: Array<{ head: string[]; body: string[] }> = [];
  // '#' starts a comment line.
  for (const line of table.split('\n').filter((l) => l.trim() && !l.startsWith('#'))) {
    if (/^\s/.test(line)) result.at(-1)!.body.push(line.trim());
    else result.push({ head: line.split('|').map((cell) => cell.trim()), body: [] });
  }
  return result;
}

function checked<T extends string>(value: string, allowed: readonly string[], what: string): T {
  if (!allowed.includes(value)) throw new Error(`catalog: unknown ${what} '${value}'`);
  return value as T;
}

const range = (cell: string) => cell.split('-').map(Number) as [number, number];

// key | label | abbr | price k€ HT | life (years) | weight | service modes
//   maker: model, model; maker: model
const KINDS: InstrumentKind[] = paragraphs(`
# Materials
sem | Microscope électronique à balayage | MEB | 150-900 | 10 | 3 | autonomy operator
  zeiss: Sigma 300, GeminiSEM 500, Gemini 560, EVO 15; jeol: JSM-IT800, JSM-7900F, JSM-6490LV
  thermo: Quattro S, Apreo 2; fei: Quanta 650 FEG, Quanta 250; hitachi: SU5000, TM4000Plus II
  tescan: MIRA, CLARA
tem | Microscope électronique en transmission | MET | 500-2800 | 12 | 1 | operator day
  jeol: JEM-ARM200F, JEM-2100Plus, JEM-F200; thermo: Talos F200X, Spectra 300
  fei: Tecnai G2 F20, Titan Themis 300
fib | Microscope double faisceau FIB-MEB | FIB | 600-1600 | 10 | 0.6 | operator
  thermo: Helios 5 UX, Scios 2; zeiss: Crossbeam 550, Crossbeam 350; fei: Helios NanoLab 600i
  tescan: AMBER X
eds | Détecteur de microanalyse EDS | EDS | 60-180 | 8 | 1 | sample
  oxford: Ultim Max 170, X-Max 80; bruker: XFlash 6/60, QUANTAX EDS
sputter | Métalliseur pour préparation d’échantillons | METAL | 20-55 | 8 | 2 | sample
  leica: EM ACE600, EM ACE200; quorum: Q150T ES, Q300T D Plus
xrd | Diffractomètre de rayons X sur poudre | DRX | 90-480 | 12 | 3 | autonomy sample
  bruker: D8 Advance, D8 Discover, D2 Phaser; panalytical: Empyrean, X'Pert PRO MPD, Aeris
  rigaku: SmartLab, MiniFlex 600
xrd-single | Diffractomètre monocristal | DRXMONO | 250-700 | 12 | 1 | sample
  bruker: D8 Venture, APEX II Quazar; rigaku: XtaLAB Synergy-S, SuperNova
saxs | Diffusion des rayons X aux petits angles (SAXS) | SAXS | 400-900 | 12 | 0.5 | sample day
  anton: SAXSpoint 2.0; rigaku: NANOPIX mini; bruker: NANOSTAR
xrf | Spectromètre de fluorescence X | XRF | 80-350 | 10 | 1 | sample
  panalytical: Zetium, Epsilon 4; bruker: S8 Tiger, M4 Tornado; rigaku: ZSX Primus IV
xps | Spectromètre de photoélectrons X (XPS) | XPS | 500-1200 | 12 | 0.7 | sample operator
  kratos: Axis Supra+, Axis Ultra DLD; thermo: K-Alpha, Nexsa G2
afm | Microscope à force atomique | AFM | 120-450 | 10 | 1.5 | autonomy operator
  bruker: Dimension Icon, MultiMode 8-HR, Dimension FastScan; oxford: Cypher ES, Jupiter XR
profilometer | Profilomètre optique | PROFIL | 40-180 | 10 | 1 | autonomy
  bruker: ContourX-500, DektakXT; zeiss: Smartproof 5
pvd | Bâti de dépôt par pulvérisation cathodique | PVD | 150-600 | 15 | 1.5 | day
  alliance: CT200, AC450; plassys: MP600S, MEB550S
mbe | Bâti d’épitaxie par jets moléculaires | MBE | 700-2400 | 15 | 0.3 | day
  riber: Compact 21, MBE 412
furnace | Four haute température | FOUR | 20-80 | 15 | 2 | day
  nabertherm: LHT 04/17, HT 16/17, RHTC 80-450/17
tensile | Machine d’essais mécaniques | TRACTION | 60-350 | 15 | 1.5 | sample day
  instron: 5969, 8801, ElectroPuls E10000; zwick: Z250, Z100 AllroundLine
nanoindenter | Nanoindenteur | NANOIND | 150-450 | 10 | 0.7 | sample
  anton: NHT3, UNHT3; bruker: Hysitron TI 980
thermal | Analyseur thermique ATG-DSC | ATG | 40-150 | 10 | 2 | sample
  netzsch: STA 449 F3 Jupiter, DSC 214 Polyma, DIL 402 Expedis; mettler: TGA/DSC 3+, DSC 3
# Chemistry
nmr-400 | Spectromètre RMN 400 MHz | RMN400 | 300-650 | 15 | 1.2 | autonomy sample
  bruker: Avance III HD 400, Avance NEO 400, Avance 400; jeol: ECZ400R
nmr-600 | Spectromètre RMN 600 MHz avec cryosonde | RMN600 | 900-2200 | 15 | 0.5 | autonomy sample
  bruker: Avance NEO 600, Avance III HD 600
nmr-solid | Spectromètre RMN du solide 500 MHz | RMNSOL | 700-1500 | 15 | 0.3 | sample
  bruker: Avance NEO 500 WB, Avance III 500 WB
epr | Spectromètre de résonance paramagnétique électronique | RPE | 300-800 | 15 | 0.4 | sample
  bruker: EMXplus, ELEXSYS E500
ms-orbitrap | Spectromètre de masse haute résolution Orbitrap | ORBI | 450-1200 | 8 | 0.8 | sample
  thermo: Orbitrap Exploris 480, Q Exactive Plus, Orbitrap Eclipse, Orbitrap Fusion Lumos
ms-qtof | Spectromètre de masse QTOF | QTOF | 300-900 | 8 | 0.8 | sample
  bruker: maXis II, impact II; waters: Xevo G2-XS QTof, SYNAPT XS; agilent: 6546 LC/Q-TOF
  sciex: X500B, ZenoTOF 7600
lc-ms | Chromatographe liquide couplé masse triple quadripôle | LCMS | 250-600 | 8 | 1 | sample
  sciex: QTRAP 6500+, Triple Quad 5500+; waters: Xevo TQ-XS; agilent: 6470 LC/TQ; shimadzu: LCMS-8060NX
  thermo: TSQ Altis
gc-ms | Chromatographe gaz couplé spectromètre de masse | GCMS | 70-250 | 10 | 1.5 | sample
  agilent: 8890/5977B, 7890B/5977A; thermo: ISQ 7610, TSQ 9610; shimadzu: GCMS-QP2020 NX, GCMS-TQ8050 NX
maldi | Spectromètre de masse MALDI-TOF | MALDI | 250-700 | 8 | 0.5 | sample
  bruker: rapifleX, autoflex maX, ultrafleXtreme
hplc | Chaîne de chromatographie liquide HPLC | HPLC | 25-120 | 8 | 5 | sample
  agilent: 1260 Infinity II, 1290 Infinity II; waters: Alliance e2695, ACQUITY UPLC H-Class
  shimadzu: Nexera XR, Prominence-i; thermo: Vanquish Flex, UltiMate 3000
gc | Chromatographe en phase gazeuse | CPG | 25-80 | 10 | 3 | sample
  agilent: 8890 GC, 7890B; shimadzu: GC-2030 Nexis; perkin: Clarus 690
ionchrom | Chromatographe ionique | CI | 30-90 | 10 | 2 | sample
  thermo: Dionex ICS-6000, Dionex Integrion; metrohm: 930 Compact IC Flex
ftir | Spectromètre infrarouge à transformée de Fourier | IRTF | 40-200 | 10 | 2.5 | autonomy sample
  bruker: Vertex 70v, INVENIO R, Tensor II; thermo: Nicolet iS50, Nicolet iS20; perkin: Spectrum 3
raman | Spectromètre Raman confocal | RAMAN | 120-450 | 10 | 1.5 | autonomy sample
  horiba: LabRAM HR Evolution, XploRA PLUS; renishaw: inVia Qontor; thermo: DXR3xi
uvvis | Spectrophotomètre UV-visible-proche IR | UVVIS | 20-110 | 10 | 2.5 | autonomy
  agilent: Cary 5000, Cary 60; perkin: Lambda 1050+; shimadzu: UV-3600i Plus
fluo | Spectrofluorimètre | FLUO | 30-250 | 10 | 1.5 | autonomy
  horiba: Fluorolog-QM, FluoroMax Plus; agilent: Cary Eclipse
icp-ms | Spectromètre de masse à plasma ICP-MS | ICPMS | 180-650 | 10 | 1.2 | sample
  thermo: iCAP RQ, iCAP TQ; agilent: 7900 ICP-MS, 8900 ICP-QQQ; perkin: NexION 2000
mc-icp-ms | Spectromètre de masse multicollecteur MC-ICP-MS | MCICPMS | 700-1200 | 12 | 0.3 | sample
  thermo: Neptune XT, Neoma
icp-oes | Spectromètre d’émission optique ICP-OES | ICPOES | 60-150 | 10 | 1.5 | sample
  agilent: 5110 ICP-OES, 5900 SVDV; thermo: iCAP PRO; horiba: Ultima Expert; perkin: Avio 550 Max
chn | Analyseur élémentaire CHNS-O | CHNS | 40-120 | 10 | 1.5 | sample
  elementar: vario EL cube, UNICUBE; thermo: FlashSmart
toc | Analyseur de carbone organique total | COT | 25-70 | 10 | 1 | sample
  shimadzu: TOC-L CPH; elementar: vario TOC cube
dls | Granulomètre et zétamètre | GRANULO | 40-120 | 10 | 1.5 | autonomy sample
  malvern: Zetasizer Ultra, Mastersizer 3000, Zetasizer Nano ZS
# Life sciences and health
cryo-em | Cryo-microscope électronique en transmission 300 kV | CRYOEM | 2200-3000 | 12 | 0.15 | day
  thermo: Krios G4, Titan Krios G3i; jeol: CRYO ARM 300 II
cryo-em-200 | Cryo-microscope électronique 200 kV | CRYO200 | 1000-1900 | 12 | 0.3 | day
  thermo: Glacios 2, Talos Arctica
vitrobot | Robot de vitrification | VITRO | 40-90 | 8 | 1 | sample
  thermo: Vitrobot Mark IV; leica: EM GP2
confocal | Microscope confocal à balayage laser | CONFOCAL | 250-750 | 10 | 2 | autonomy operator
  zeiss: LSM 980 Airyscan 2, LSM 900, LSM 880; leica: Stellaris 8, TCS SP8, Stellaris 5
  nikon: AX R, A1R HD25; olympus: FV3000, FluoView FV1000
superres | Microscope de super-résolution | SUPRES | 500-1200 | 8 | 0.5 | operator
  zeiss: Elyra 7; nikon: N-SIM S, N-STORM; leica: Stellaris 8 STED
widefield | Microscope à épifluorescence motorisé | EPIFLUO | 40-180 | 10 | 3 | autonomy
  zeiss: Axio Observer 7, Axio Imager Z2; leica: DMi8, THUNDER Imager Live Cell; nikon: Eclipse Ti2-E
  olympus: IX83, BX63
lightsheet | Microscope à feuillet de lumière | LIGHTSHEET | 400-800 | 8 | 0.4 | operator
  zeiss: Lightsheet 7; miltenyi: UltraMicroscope Blaze
slide-scanner | Scanner de lames virtuelles | SCANLAME | 150-350 | 8 | 1 | sample
  zeiss: Axioscan 7; hamamatsu: NanoZoomer S360; leica: Aperio GT 450
cytometer | Cytomètre en flux analyseur | CYTO | 100-450 | 8 | 2.5 | autonomy sample
  bd: FACSCanto II, LSRFortessa X-20, FACSymphony A3; beckman: CytoFLEX S, CytoFLEX LX, Gallios
  miltenyi: MACSQuant 16
sorter | Trieur de cellules | TRI | 250-700 | 8 | 1 | operator
  bd: FACSAria Fusion, FACSAria III, FACSMelody; beckman: MoFlo Astrios EQ, CytoFLEX SRT; sony: MA900
spectral-cyto | Cytomètre spectral | SPECTRAL | 300-550 | 8 | 0.6 | autonomy sample
  cytek: Aurora 5L, Northern Lights; sony: ID7000
seq-benchtop | Séquenceur haut débit de paillasse | SEQ | 25-350 | 7 | 1.2 | run
  illumina: MiSeq, iSeq 100, NextSeq 1000, MiniSeq
seq-production | Séquenceur haut débit de production | SEQPROD | 400-1000 | 7 | 0.4 | run
  illumina: NovaSeq 6000, NovaSeq X Plus, NextSeq 2000
seq-nanopore | Séquenceur nanopore | NANOPORE | 20-350 | 5 | 0.8 | run
  nanopore: PromethION 24, GridION Mk1, PromethION 2 Solo
qpcr | Thermocycleur PCR quantitative temps réel | QPCR | 25-90 | 8 | 4 | sample
  biorad: CFX Opus 96, CFX384 Touch; roche: LightCycler 480 II, LightCycler 96
  thermo: QuantStudio 5, QuantStudio 7 Pro
bioanalyzer | Analyseur d’acides nucléiques | BIOANA | 20-70 | 8 | 2 | sample
  agilent: Bioanalyzer 2100, TapeStation 4200, Fragment Analyzer 5300
single-cell | Système de préparation single-cell | SINGLECELL | 50-120 | 6 | 0.8 | run
  tenx: Chromium X, Chromium Controller
ms-timstof | Spectromètre de masse timsTOF pour la protéomique | TIMSTOF | 700-1200 | 8 | 0.5 | sample
  bruker: timsTOF Pro 2, timsTOF HT, timsTOF SCP
nanolc | Chaîne de nanochromatographie liquide | NANOLC | 60-150 | 8 | 1.5 | sample
  thermo: UltiMate 3000 RSLCnano, Vanquish Neo; waters: ACQUITY UPLC M-Class
mri | IRM préclinique 7 T | IRM | 1500-3000 | 15 | 0.25 | day
  bruker: BioSpec 70/30 USR, BioSpec 94/20
microct | Microtomographe à rayons X | MICROCT | 200-900 | 10 | 0.8 | sample day
  bruker: SkyScan 1276, SkyScan 1272; zeiss: Xradia 620 Versa, Xradia 520 Versa
ivis | Imageur optique in vivo | IVIS | 150-350 | 8 | 0.6 | sample
  perkin: IVIS Spectrum, IVIS Lumina X5; bruker: In-Vivo Xtreme II
ultrasound | Échographe haute fréquence petit animal | ECHO | 200-450 | 8 | 0.5 | autonomy
  visualsonics: Vevo 3100, Vevo F2
microtome | Cryostat et microtome | MICROTOME | 20-60 | 10 | 3 | sample
  leica: CM3050 S, RM2255, CM1950; thermo: HM 525 NX, CryoStar NX70
stainer | Automate d’immunomarquage | IMMUNO | 60-180 | 8 | 1 | sample
  leica: BOND RX, ST5020; roche: BenchMark ULTRA; agilent: Dako Omnis
# Environment, agronomy, geosciences
irms | Spectromètre de masse de rapports isotopiques | IRMS | 150-700 | 12 | 1 | sample
  thermo: Delta V Plus, Delta Q, 253 Plus; elementar: isoprime precisION, vario PYRO cube-IRMS
picarro | Analyseur isotopique laser | CRDS | 50-150 | 8 | 1 | sample
  picarro: G2131-i, L2130-i, G2201-i
licor | Analyseur d’échanges gazeux foliaires | LICOR | 25-90 | 8 | 2 | day
  licor: LI-6800, LI-6400XT, LI-7810
climate | Chambre de culture climatisée | CHAMBRE | 20-250 | 15 | 2.5 | day
  binder: KBWF 720, KBW 400
la-icp-ms | Système d’ablation laser pour ICP-MS | ABLATION | 150-350 | 10 | 0.6 | sample
  teledyne: Analyte G2, Iridia
epma | Microsonde électronique de Castaing | SONDE | 700-1400 | 15 | 0.4 | sample day
  cameca: SXFive, SX100; jeol: JXA-8230, JXA-iHP200F
sims | Sonde ionique SIMS grand rayon | SIMS | 2000-3000 | 20 | 0.15 | day
  cameca: IMS 1280-HR, IMS 1300-HR3, NanoSIMS 50L
# Computing and engineering
hpc | Cluster de calcul haute performance | HPC | 200-1800 | 6 | 1 | day
  dell: PowerEdge C6525, PowerEdge R750; hpe: Apollo 2000 Gen10, Cray EX2500
  lenovo: ThinkSystem SD650 V3
gpu | Serveur de calcul GPU | GPU | 60-450 | 5 | 2 | day
  nvidia: DGX A100, DGX H100; dell: PowerEdge XE8545, PowerEdge XE9680; hpe: ProLiant DL380a Gen11
storage | Baie de stockage de données | STOCKAGE | 80-500 | 6 | 1.5 | day
  netapp: AFF A400, FAS8300; dell: PowerScale F600
robot | Robot manipulateur collaboratif | ROBOT | 25-150 | 8 | 2 | day
  kuka: LBR iiwa 14, KR 10 R1100
mocap | Système de capture de mouvement | MOCAP | 60-250 | 8 | 1 | day
  vicon: Vero v2.2, Vantage V16
# Preparation and everyday equipment of every platform: most of an inventory's lines.
polisher | Polisseuse automatique | POLI | 20-45 | 10 | 1 | sample
  struers: Tegramin-30, LaboPol-30; buehler: EcoMet 300, AutoMet 250
saw | Tronçonneuse de précision | SCIE | 20-40 | 12 | 1 | sample
  struers: Secotom-60; buehler: IsoMet High Speed Pro
optical | Microscope optique motorisé | MO | 20-90 | 10 | 1 | autonomy
  zeiss: Axio Imager M2m, Axio Zoom.V16; leica: DM6 M, DM2700 P; olympus: BX53M; nikon: Eclipse LV100ND
glovebox | Boîte à gants sous atmosphère inerte | BAG | 30-90 | 12 | 1 | day
  mbraun: LABstar, MB200B; jacomex: GP[Concept], GP[Campus]
freeze-dryer | Lyophilisateur | LYO | 20-60 | 12 | 1 | day
  christ: Alpha 2-4 LSCbasic, Epsilon 2-6D
digester | Minéralisateur micro-ondes | MINERAL | 25-60 | 10 | 1 | sample
  anton: Multiwave 7501; cem: MARS 6
titrator | Titrateur automatique | TITRA | 20-35 | 10 | 1 | sample
  metrohm: OMNIS, 905 Titrando
ultracentrifuge | Ultracentrifugeuse | ULTRA | 50-120 | 12 | 1 | sample
  beckman: Optima XPN-100, Optima MAX-XP; thermo: Sorvall WX+
pipetting | Station de pipetage automatisée | ROBPIP | 60-250 | 8 | 0.5 | run
  tecan: Fluent 780, Freedom EVO 150; hamilton: Microlab STAR; beckman: Biomek i7
plate-reader | Lecteur de microplaques multimode | LECTEUR | 25-80 | 8 | 1 | autonomy
  tecan: Spark, Infinite 200 PRO; bmg: CLARIOstar Plus, PHERAstar FSX
gel-imager | Imageur de gels et western blot | IMAGEUR | 20-50 | 8 | 1 | autonomy
  biorad: ChemiDoc MP; cytiva: ImageQuant 800, Amersham Typhoon
crusher | Broyeur planétaire | BROYEUR | 20-40 | 12 | 1 | sample
  retsch: PM 400, MM 500 nano
workstation | Station de calcul et de visualisation | STATION | 20-45 | 5 | 1 | day
  dell: Precision 7960; lenovo: ThinkStation P8
network | Commutateur réseau haut débit | RESEAU | 20-80 | 6 | 1 | day
  hpe: Aruba CX 8360; dell: PowerSwitch Z9432F
`).map(({ head: [key, label, abbr, price, life, weight, modes], body }) => ({
  key: key!,
  label: label!,
  abbr: abbr!,
  price: range(price!),
  lifeYears: Number(life),
  weight: Number(weight),
  services: modes!.split(' ').map((m) => checked<ServiceMode>(m, SERVICE_MODES, 'service mode')),
  makers: body
    .join('; ')
    .split(';')
    .map((group) => {
      const [maker, models] = group.split(':');
      const keyOfMaker = checked<MakerKey>(maker!.trim(), Object.keys(MAKERS), 'maker');
      return [keyOfMaker, models!.split(',').map((m) => m.trim())] as const;
    }),
}));

export const KIND_BY_KEY: ReadonlyMap<string, InstrumentKind> = new Map(
  KINDS.map((kind) => [kind.key, kind]),
);

/**
 * The everyday equipment of a domain's platforms, drawn for most of their inventory lines: the big
 * instruments are few and hold the value, these are many and cheap.
 */
export const EVERYDAY_KINDS: Readonly<Record<Domain, readonly string[]>> = {
  materials: ['polisher', 'saw', 'optical', 'glovebox', 'sputter', 'furnace'],
  chemistry: ['glovebox', 'freeze-dryer', 'digester', 'titrator', 'uvvis', 'hplc'],
  life: ['ultracentrifuge', 'pipetting', 'plate-reader', 'gel-imager', 'qpcr', 'microtome', 'bioanalyzer'],
  environment: ['freeze-dryer', 'digester', 'plate-reader', 'crusher', 'climate', 'licor'],
  geosciences: ['polisher', 'saw', 'optical', 'crusher', 'digester'],
  computing: ['workstation', 'network'],
};

/** A kind of platform: what it is called and which instruments it gathers. */
export interface Archetype {
  domain: Domain;
  /** Platform codes start with one of these: 'XGAMMA', 'DRX'. */
  stems: readonly string[];
  name: string;
  themes: readonly string[];
  kinds: readonly string[];
  /** BAP (job family) of its support staff. */
  bap: readonly string[];
}

// domain | code stems | name
//   themes | instrument kinds | BAP of its staff
export const ARCHETYPES: readonly Archetype[] = paragraphs(`
materials | XGAMMA DRX DIFFRAX | Centre de compétences en diffraction des rayons X
  materials, x-ray diffraction | xrd xrd-single saxs xrf furnace | B C
materials | MEB MEBLOR CC3M | Plateforme de microscopie électronique et microanalyse
  materials, electron microscopy | sem tem fib eds sputter | C B
materials | SURF ANASURF | Plateforme d’analyse des surfaces et interfaces
  materials, surface science | xps afm profilometer raman | B C
materials | DAUM DEPOT COUCHES | Plateforme d’élaboration de couches minces
  materials, thin films | pvd mbe furnace profilometer | C
materials | MECA ESSAIS | Plateforme de caractérisation mécanique et thermique
  materials, mechanics | tensile nanoindenter thermal furnace | C
chemistry | RMN RMNLOR | Plateforme de résonance magnétique nucléaire
  chemistry, NMR | nmr-400 nmr-600 nmr-solid epr | B
chemistry | SPECMS MASSLOR | Plateforme de spectrométrie de masse
  chemistry, mass spectrometry | ms-orbitrap ms-qtof lc-ms gc-ms maldi hplc | B
chemistry | CHROMA SEPARA | Plateforme de chromatographie et séparation
  chemistry, chromatography | hplc gc ionchrom gc-ms | B
chemistry | SPECTRO SPECLOR | Plateforme de spectroscopies moléculaires
  chemistry, spectroscopy | ftir raman uvvis fluo dls | B
chemistry | ANALYSE ELEMENT | Plateforme d’analyse élémentaire
  chemistry, elemental analysis | icp-ms icp-oes chn toc | B
life | CRYOEM CRYOLOR | Plateforme de cryo-microscopie électronique
  structural biology, cryo-EM | cryo-em cryo-em-200 vitrobot tem | A C
life | PTIBC IMAGIC IMACEL | Plateforme d’imagerie cellulaire
  biology, microscopy | confocal superres widefield lightsheet slide-scanner | A
life | CYTO CYTOLOR | Plateforme de cytométrie en flux
  biology, flow cytometry | cytometer sorter spectral-cyto | A
life | GENOM SEQLOR GENOLOR | Plateforme de génomique et séquençage
  biology, genomics | seq-benchtop seq-production seq-nanopore qpcr bioanalyzer single-cell | A
life | PROTEO PROTLOR | Plateforme de protéomique
  biology, proteomics | ms-orbitrap ms-timstof nanolc hplc | A B
life | IRMPC IMAGIV CLOTEP | Plateforme d’imagerie du petit animal
  health, in vivo imaging | mri microct ivis ultrasound | A C
life | HISTO HISTOL | Plateforme d’histologie
  health, histology | slide-scanner microtome stainer widefield | A
environment | ISOTOP PTEF | Plateforme d’analyses isotopiques
  environment, stable isotopes | irms picarro chn | A B
environment | CHIMENV PASE | Plateforme de chimie de l’environnement
  environment, analytical chemistry | icp-ms icp-oes ionchrom toc gc | B
environment | ECOPHY XYLOTEC | Plateforme d’écophysiologie végétale
  environment, plant ecophysiology | licor climate qpcr picarro | A
environment | GENOENV METAGEN | Plateforme de génomique environnementale
  environment, genomics | seq-benchtop seq-nanopore qpcr bioanalyzer | A
geosciences | SONDE EPMA | Plateforme de microanalyse des géomatériaux
  geosciences, microanalysis | epma sem eds xrd | C B
geosciences | SIMS SARM GEOCHIM | Plateforme de géochimie isotopique
  geosciences, geochemistry | sims mc-icp-ms icp-ms la-icp-ms irms | B C
computing | CALCUL EXPLOR GRID | Mésocentre de calcul et de données
  computing, HPC | hpc gpu storage | E
computing | ROBOT CYBER FABLAB | Plateforme de robotique et systèmes cyber-physiques
  engineering, robotics | robot mocap gpu | C E
`).map(({ head: [domain, stems, name], body: [details] }) => {
  const [themes, kinds, bap] = details!.split('|').map((cell) => cell.trim());
  return {
    domain: checked<Domain>(domain!, DOMAINS, 'domain'),
    stems: stems!.split(' '),
    name: name!,
    themes: themes!.split(', '),
    kinds: kinds!.split(' ').map((kind) => checked(kind, [...KIND_BY_KEY.keys()], 'kind')),
    bap: bap!.split(' '),
  };
});

/** Laboratory equipment outside any platform: on every inventory, in no platform's figures. */
export const LAB_EQUIPMENT: ReadonlyArray<{
  label: string;
  price: readonly [number, number];
  models: ReadonlyArray<readonly [maker: string, model: string]>;
}> = paragraphs(`
Centrifugeuse réfrigérée | 6-25
  Eppendorf: 5810 R; Beckman Coulter: Allegra X-30R; Thermo Fisher Scientific: Sorvall ST 16R
Balance analytique | 2-8
  Sartorius: Cubis II; Mettler Toledo: XPR205
Étuve de laboratoire | 2-10
  Memmert: UN110; Binder: FD 115
Poste de sécurité microbiologique | 6-15
  Thermo Fisher Scientific: Herasafe 2030i; Faster: SafeFAST Premium
Congélateur -80 °C | 8-18
  Thermo Fisher Scientific: TSX600; PHCbi: MDF-DU702VH
Autoclave | 10-40
  Systec: VX-95; Tuttnauer: 3870 ELV
Lecteur de microplaques | 10-60
  Tecan: Spark; BMG Labtech: CLARIOstar Plus
Spectrophotomètre microvolume | 8-15
  Thermo Fisher Scientific: NanoDrop One
Thermocycleur PCR | 4-12
  Bio-Rad: C1000 Touch; Eppendorf: Mastercycler X50s
Système de purification d’eau | 5-20
  Merck Millipore: Milli-Q IQ 7000; Veolia: PURELAB Chorus 1
`).map(({ head: [label, price], body }) => ({
  label: label!,
  price: range(price!),
  models: body
    .join('; ')
    .split(';')
    .map((group) => group.split(':').map((s) => s.trim()) as [string, string]),
}));
