import type { Messages } from '../../../platform/i18n/index.ts';

// Français. Phrases courtes, tutoiement comme en italien.
export const fr: Messages = {
  'pub.start.heading': 'Découvre quelles aides tu peux recevoir',
  'pub.start.intro':
    'Réponds à quelques questions simples, une à la fois. À la fin, tu vois quelles aides de l’INPS et de la commune pourraient te revenir, leur montant, ce qu’il faut préparer et à qui t’adresser.',
  'pub.start.safe':
    'C’est anonyme : nous ne demandons pas ton nom, nous n’enregistrons pas tes réponses, nous n’utilisons pas de cookies. Tes réponses n’apparaissent jamais dans l’adresse de la page.',
  'pub.start.unknown': 'Si tu ne connais pas une réponse, choisis « Je ne sais pas » : ce n’est pas grave.',
  'pub.start.exit':
    'Si quelqu’un s’approche, appuie sur « Sortir vite » en haut ou appuie 3 fois sur la touche Maj : une page neutre s’ouvre.',
  'pub.start.lang': 'Choisis ta langue et commence',
  'pub.start.begin': 'Commencer en français',
  'pub.start.centres': 'Trouver un centre antiviolence près de chez toi',
  'pub.norules.heading': 'La vérification des droits n’est pas disponible pour le moment',
  'pub.norules.text':
    'Les règles sur lesquelles repose la vérification ne sont pas encore à jour pour la date d’aujourd’hui : elle ne peut donc pas te dire de façon fiable quelles aides te reviennent. Elle sera de nouveau disponible dès que les règles seront mises à jour.',
  'pub.norules.help':
    'En attendant, un centre antiviolence ou l’INPS peuvent examiner ta situation avec toi, gratuitement. Le 1522 répond gratuitement, 24 heures sur 24, aussi dans d’autres langues.',
  'pub.step.count': 'Question {n}',
  'pub.step.next': 'Continuer',
  'pub.step.back': 'Retour',
  'pub.step.safe': 'Tes réponses ne sont pas enregistrées.',
  'pub.unknown': 'Je ne sais pas',
  'pub.yes': 'Oui',
  'pub.no': 'Non',
  'pub.date.hint': 'Par exemple 15/03/1990 (jour/mois/année)',
  'pub.amount.value': 'Je connais le montant',
  'pub.amount.input': 'Montant en euros',
  'pub.amount.hint': 'Par exemple 15000 ou 15000,50',
  'pub.errors.title': 'Vérifie ces réponses',
  'pub.err.choose': 'Choisis une des réponses',
  'pub.err.date.required': 'Écris la date, par exemple 15/03/1990',
  'pub.err.date': 'Cette date n’existe pas : écris-la sous la forme jour/mois/année, par exemple 15/03/1990',
  'pub.err.date.future': 'La date ne peut pas être dans le futur',
  'pub.err.date.old': 'Vérifie l’année : cette date remonte à plus de 120 ans',
  'pub.err.number.orUnknown': 'Écris un nombre ou choisis « Je ne sais pas »',
  'pub.err.number.required': 'Écris un nombre',
  'pub.err.number': 'Écris seulement un nombre, par exemple 3',
  'pub.err.range': 'Écris un nombre entre {min} et {max}',
  'pub.err.amount.required': 'Écris le montant en euros ou choisis une autre réponse',
  'pub.err.amount': 'Écris le montant seulement en chiffres, par exemple 15000 ou 15000,50',
  'pub.err.text.long': 'Le texte est trop long (100 caractères au maximum)',
  'pub.err.text.required': 'Écris une réponse',
  'pub.q.victim':
    'As-tu subi des violences de la part d’un partenaire, d’un ex ou d’un membre de ta famille ?',
  'pub.q.victim.hint': 'Violence physique, psychologique, économique ou sexuelle, même dans le passé.',
  'pub.q.cav': 'Es-tu suivie par un centre antiviolence ?',
  'pub.q.cav.hint': 'Un centre reconnu par la Région, qui peut l’attester par écrit.',
  'pub.q.socialServices': 'Es-tu suivie par les services sociaux de ta commune ?',
  'pub.q.socialServices.hint': 'Par exemple une assistante sociale qui connaît ta situation.',
  'pub.q.stateOfNeed': 'Les services sociaux ont-ils reconnu que tu as un besoin d’argent urgent ?',
  'pub.q.stateOfNeed.hint': 'En général, l’assistante sociale l’écrit dans une déclaration.',
  'pub.q.shelter': 'Vis-tu en ce moment dans un foyer protégé ?',
  'pub.q.shelter.hint': 'Une maison protégée où l’on est accueillie par un centre antiviolence.',
  'pub.q.pathStart': 'Depuis quand ton parcours de protection a-t-il commencé ?',
  'pub.q.pathStart.hint':
    'Le jour où le centre ou les services t’ont prise en charge. Si tu ne le sais pas, laisse vide.',
  'pub.q.sex': 'Es-tu une femme ?',
  'pub.q.birthDate': 'Quelle est ta date de naissance ?',
  'pub.q.citizenship': 'Quelle est ta nationalité ?',
  'pub.q.permitMonths': 'Pour combien de mois ton titre de séjour est-il valable ?',
  'pub.q.permitMonths.hint': 'La durée écrite sur le titre, en mois (par exemple 24).',
  'pub.q.residenceYears': 'Depuis combien d’années es-tu résidente en Italie ?',
  'pub.q.residenceYears.hint': 'Au total, même avec des interruptions. Écris 0 si moins d’un an.',
  'pub.q.residenceContinuousYears': 'Parmi ces années, combien sans interruption jusqu’à aujourd’hui ?',
  'pub.q.household': 'Qui vit avec toi ?',
  'pub.q.birthDates': 'Quand sont nées les personnes qui vivent avec toi ?',
  'pub.q.memberDisability': 'Une des personnes qui vivent avec toi a-t-elle un handicap reconnu ?',
  'pub.q.inEducation':
    'Tes enfants de 18 à 20 ans font-ils des études, une formation ou un stage, ou sont-ils inscrits au centre pour l’emploi ?',
  'pub.q.nursery': 'Tes enfants vont-ils à la crèche ?',
  'pub.q.earnsFromWork': 'Parmi les personnes qui vivent avec toi, qui gagne de l’argent en travaillant ?',
  'pub.q.isee': 'Quelle est la valeur de ton ISEE ?',
  'pub.q.isee.hint':
    'Elle est sur ton attestation ISEE en cours de validité. Un CAF ou un patronato la fait gratuitement.',
  'pub.q.isee.none': 'Je n’ai pas d’ISEE valable',
  'pub.q.iseeMinorenni': 'Quelle est la valeur de l’ISEE pour les enfants mineurs ?',
  'pub.q.iseeMinorenni.hint': 'Si c’est la même que l’ISEE normal, écris la même valeur.',
  'pub.q.iseeMinorenni.none': 'Je n’ai pas d’ISEE pour les mineurs',
  'pub.q.iseeScale': 'Quelle est l’échelle d’équivalence écrite sur ton ISEE ?',
  'pub.q.iseeScale.hint': 'Un nombre comme 1,57 : il est écrit sur l’attestation ISEE.',
  'pub.q.familyIncome': 'Combien gagne toute ta famille en un an ?',
  'pub.q.familyIncome.hint': 'Le revenu familial indiqué dans l’ISEE, en euros par an.',
  'pub.q.familyIncome.none': 'Aucun revenu',
  'pub.q.rentAnnual': 'Combien paies-tu de loyer en un an ?',
  'pub.q.rentAnnual.hint': 'Seulement si tu as un bail enregistré.',
  'pub.q.rentAnnual.none': 'Je ne paie pas de loyer',
  'pub.q.movableAssets': 'Combien d’économies a ta famille ?',
  'pub.q.movableAssets.hint': 'Comptes, livrets, titres : le patrimoine mobilier de l’ISEE.',
  'pub.q.movableAssets.none': 'Aucune économie',
  'pub.q.realEstate':
    'Combien valent les maisons ou les terrains que tu possèdes, à part le logement où tu vis ?',
  'pub.q.realEstate.hint': 'Le patrimoine immobilier de l’ISEE, sans le logement où tu vis.',
  'pub.q.realEstate.none': 'Aucun autre bien immobilier',
  'pub.q.auuAnnual':
    'Combien d’allocation unique pour les enfants avez-vous reçu pendant l’année de l’ISEE ?',
  'pub.q.auuAnnual.hint': 'En euros, sur toute l’année.',
  'pub.q.auuAnnual.none': 'Nous ne l’avons pas reçue',
  'pub.q.bothParentsWork': 'Est-ce que toi et l’autre parent travaillez tous les deux ?',
  'pub.q.bothParentsWork.hint': 'Si tu élèves tes enfants seule, réponds oui si tu as un revenu du travail.',
  'pub.q.work': 'Quelle est ta situation de travail ?',
  'pub.q.disability': 'As-tu un handicap reconnu ?',
  'pub.q.training': 'Suis-tu une formation ou un projet pour trouver du travail ?',
  'pub.q.training.hint': 'Par exemple une formation du centre pour l’emploi.',
  'pub.q.married': 'Es-tu mariée ?',
  'pub.q.married.hint': 'Le mariage compte tant qu’il n’est pas dissous, même si vous vivez séparés.',
  'pub.q.income': 'Combien gagnes-tu en un an ?',
  'pub.q.income.hint': 'Ton revenu personnel, en euros par an.',
  'pub.q.income.none': 'Aucun revenu',
  'pub.q.coupleIncome': 'Combien gagnez-vous ensemble en un an, toi et ton mari ?',
  'pub.q.coupleIncome.hint': 'En euros par an.',
  'pub.q.coupleIncome.none': 'Aucun revenu',
  'pub.q.maternityPay': 'Combien as-tu reçu d’indemnité de maternité pour la dernière naissance ?',
  'pub.q.maternityPay.hint': 'Au total, en euros.',
  'pub.q.maternityPay.none': 'Rien',
  'pub.q.congedoDaysUsed': 'Combien de jours de congé pour violence as-tu déjà utilisés ?',
  'pub.q.endReason': 'Pourquoi ton dernier travail s’est-il terminé ?',
  'pub.q.endDate': 'Quand ton dernier travail s’est-il terminé ?',
  'pub.q.endDate.hint': 'Si tu ne te souviens pas du jour, laisse vide.',
  'pub.q.contributionWeeks4y':
    'Combien de semaines as-tu travaillé avec des cotisations ces 4 dernières années ?',
  'pub.q.contributionWeeks4y.hint':
    'C’est écrit sur ton relevé de cotisations INPS. Une année entière compte 52 semaines.',
  'pub.q.monthlyReferencePay': 'Combien gagnais-tu par mois, en brut, dans ton dernier travail ?',
  'pub.q.monthlyReferencePay.hint': 'En euros par mois, avant les impôts.',
  'pub.q.comune': 'Dans quelle commune vis-tu ?',
  'pub.q.comune.hint':
    'Seulement pour te montrer le centre antiviolence le plus proche. Tu peux laisser vide.',
  'pub.f.children': 'Combien d’enfants vivent avec toi ?',
  'pub.f.children.hint': 'Écris 0 s’il n’y en a pas.',
  'pub.f.partner': 'Un mari, une femme, un compagnon ou une compagne vit-il avec toi ?',
  'pub.f.others': 'Combien d’autres personnes vivent avec toi ?',
  'pub.f.others.hint': 'Par exemple tes parents ou d’autres proches. Écris 0 s’il n’y en a pas.',
  'pub.member.child': 'Enfant {n}',
  'pub.member.partner': 'Mari, femme, compagnon ou compagne',
  'pub.member.other': 'Autre personne {n}',
  'pub.o.citizenship.it': 'Italienne',
  'pub.o.citizenship.eu': 'D’un autre pays de l’Union européenne',
  'pub.o.citizenship.eu_family': 'Membre de la famille d’un citoyen de l’UE, avec carte de séjour',
  'pub.o.citizenship.non_eu_long_term': 'Hors UE, avec un permis de séjour de longue durée (carte de séjour)',
  'pub.o.citizenship.non_eu_permit':
    'Hors UE, avec un autre permis de séjour (aussi le récépissé de renouvellement)',
  'pub.o.citizenship.refugee': 'Réfugiée (asile politique)',
  'pub.o.citizenship.subsidiary_protection': 'Avec la protection subsidiaire',
  'pub.o.citizenship.special_protection': 'Avec la protection spéciale',
  'pub.o.citizenship.none': 'Sans permis de séjour',
  'pub.o.disability.none': 'Non',
  'pub.o.disability.medium': 'Oui, handicap moyen',
  'pub.o.disability.severe': 'Oui, handicap grave',
  'pub.o.disability.non_self_sufficient': 'Oui, non autonome',
  'pub.o.work.employee_private': 'Je suis salariée d’une entreprise privée',
  'pub.o.work.employee_public': 'Je suis salariée du secteur public',
  'pub.o.work.domestic': 'Je travaille comme aide ménagère, aide à domicile ou baby-sitter',
  'pub.o.work.self_employed': 'Je travaille à mon compte',
  'pub.o.work.parasubordinate': 'J’ai un contrat de collaboration',
  'pub.o.work.unemployed': 'Je ne travaille pas et je cherche du travail',
  'pub.o.work.inactive': 'Je ne travaille pas et je ne cherche pas de travail',
  'pub.o.work.student': 'Je suis étudiante',
  'pub.o.work.retired': 'Je suis à la retraite',
  'pub.o.endReason.dismissal': 'J’ai été licenciée',
  'pub.o.endReason.contract_end': 'Mon contrat à durée déterminée est arrivé à la fin',
  'pub.o.endReason.resignation': 'J’ai démissionné',
  'pub.o.endReason.resignation_just_cause':
    'J’ai démissionné à cause de l’employeur (salaires non payés, harcèlement)',
  'pub.o.endReason.resignation_violence': 'J’ai démissionné pour échapper à la violence',
  'pub.o.endReason.consensual': 'Nous avons décidé ensemble de finir le contrat',
  'pub.result.heading': 'Ce qui pourrait te revenir',
  'pub.result.intro':
    'Ce résultat est indicatif : il se base sur tes réponses et sur les règles d’aujourd’hui. La vraie demande se fait à l’INPS ou à la commune. Le centre antiviolence et l’INPS t’aident gratuitement.',
  'pub.result.eligible': 'Ça te revient probablement',
  'pub.result.undetermined': 'À vérifier',
  'pub.result.undetermined.intro': 'Ça pourrait te revenir : il faut encore quelques informations.',
  'pub.result.notEligible': 'Pour l’instant, ça ne semble pas te revenir',
  'pub.result.info': 'Bon à savoir',
  'pub.result.none':
    'Avec tes réponses, nous n’avons pas trouvé d’aide qui te revient à coup sûr. Le centre antiviolence et l’INPS peuvent regarder ta situation avec toi.',
  'pub.result.amount': 'Combien',
  'pub.result.open': 'Pour le savoir, il faut ces informations :',
  'pub.result.verify': 'À vérifier avec le centre antiviolence ou l’INPS :',
  'pub.result.verify.generic':
    'Certaines règles ne sont pas encore sûres : vérifie-les avec le centre antiviolence ou l’INPS.',
  'pub.result.documents': 'Ce qu’il faut préparer',
  'pub.result.who': 'Qui fait la demande',
  'pub.result.channel': 'Où et comment',
  'pub.result.deadline': 'Avant quand',
  'pub.amt.monthly': '{eur} par mois',
  'pub.amt.months': 'pendant {n} mois',
  'pub.amt.total': 'jusqu’à {eur} au total',
  'pub.amt.yearly': '{eur} par an',
  'pub.amt.once': '{eur} une seule fois',
  'pub.amt.days': '{n} jours de congé encore disponibles',
  'pub.amt.sep': ', ',
  'pub.amt.range': 'de {min} à {max}',
  'pub.help.heading': 'Aide gratuite',
  'pub.help.cav':
    'Un centre antiviolence t’écoute, t’accompagne et t’aide à demander ces aides. C’est gratuit et confidentiel.',
  'pub.help.inps':
    'L’INPS, avec les guichets « Inps per tutti », t’aide gratuitement à faire les demandes, même à l’intérieur du centre antiviolence.',
  'pub.help.1522': 'Tu peux appeler le 1522, gratuitement, 24 h sur 24, aussi en d’autres langues.',
  'pub.near.heading': 'Centres antiviolence près de chez toi',
  'pub.near.notFound': 'Nous n’avons pas trouvé la commune « {name} ». Cherche dans la liste des centres.',
  'pub.near.none':
    'Nous n’avons pas de centre dans ta zone. Appelle le 1522 : on t’indiquera le plus proche.',
  'pub.near.all': 'Voir tous les centres antiviolence',
  'pub.sheet.title': 'Tes droits : fiche d’information',
  'pub.sheet.date':
    'Résultat du {date}. Il est indicatif : la vraie demande se fait à l’INPS ou à la commune.',
  'pub.sheet.download': 'Télécharger la fiche (PDF)',
  'pub.sheet.print': 'Imprimer',
  'pub.sheet.none': 'La fiche PDF n’est pas disponible dans cette langue : tu peux imprimer la page.',
  'pub.result.again': 'Recommencer',
  'pub.result.print':
    'Tu peux imprimer cette page. N’oublie pas que les personnes qui utilisent cet appareil pourraient la voir.',
  'pub.centre.comune': 'Commune',
  'pub.centre.phone': 'Téléphone',
  'pub.centre.hours': 'Horaires',
  'pub.centre.website': 'Site web',
  'pub.dir.heading': 'Centres antiviolence',
  'pub.dir.intro':
    'Les centres antiviolence aident gratuitement et en toute confidentialité les femmes qui subissent des violences, aussi pour les demandes à l’INPS.',
  'pub.dir.search': 'Chercher par commune ou par nom',
  'pub.dir.submit': 'Chercher',
  'pub.dir.empty': 'Aucun centre trouvé. Essaie une autre commune ou appelle le 1522.',
  'pub.dir.count': '{total} centres trouvés',
  'pub.dir.page': 'Page {page} sur {pages}',
  'pub.dir.prev': 'Page précédente',
  'pub.dir.next': 'Page suivante',
  'pub.dir.pages': 'Pages des résultats',
  'pub.dir.shelters':
    'Les foyers protégés ne sont pas dans la liste, pour la sécurité des personnes qui y vivent : on y arrive par un centre antiviolence ou par le 1522.',

  // Les aides, en langage simple (l’italien et l’anglais viennent du moteur).
  'pub.b.reddito_di_liberta.name': 'Reddito di Libertà (revenu de liberté)',
  'pub.b.reddito_di_liberta.desc':
    'Une aide en argent pour les femmes victimes de violence suivies par un centre antiviolence et par les services sociaux. Elle aide à payer un logement, à devenir autonome et la scolarité des enfants.',
  'pub.b.reddito_di_liberta.gather':
    'Une déclaration du centre antiviolence, une déclaration des services sociaux, une pièce d’identité (et le titre de séjour si tu n’es pas de l’UE), un IBAN à ton nom.',
  'pub.b.reddito_di_liberta.who': 'Toi, avec l’aide de la commune.',
  'pub.b.reddito_di_liberta.where': 'Les services sociaux de la commune envoient la demande à l’INPS.',
  'pub.b.reddito_di_liberta.when': 'À tout moment de l’année, tant qu’il y a des fonds de la Région.',
  'pub.b.congedo_violenza.name': 'Congé payé pour les femmes victimes de violence',
  'pub.b.congedo_violenza.desc':
    'Jusqu’à 3 mois de congé payé pour les travailleuses dans un parcours de protection. À utiliser en 3 ans, aussi par heures.',
  'pub.b.congedo_violenza.gather':
    'Le certificat du parcours de protection (services sociaux, centre antiviolence ou foyer). Un avis écrit à l’employeur au moins 7 jours avant.',
  'pub.b.congedo_violenza.who':
    'Toi, seule ou avec un patronato. Dans le secteur public, tu le demandes à ton administration.',
  'pub.b.congedo_violenza.where':
    'Le service en ligne de l’INPS (SPID, CIE), le numéro 803 164, ou un patronato.',
  'pub.b.congedo_violenza.when': 'Avant le début du congé, au plus tard le premier jour.',
  'pub.b.assegno_di_inclusione.name': 'Assegno di Inclusione (allocation d’inclusion)',
  'pub.b.assegno_di_inclusione.desc':
    'Une aide en argent chaque mois et un parcours d’accompagnement pour les familles avec peu de revenus. Les femmes victimes de violence suivies par les services y ont droit aussi.',
  'pub.b.assegno_di_inclusione.gather':
    'Un ISEE valable, la déclaration du centre antiviolence ou des services sociaux, le bail si tu paies un loyer, une pièce d’identité.',
  'pub.b.assegno_di_inclusione.who': 'Une personne de la famille, seule ou avec un patronato ou un CAF.',
  'pub.b.assegno_di_inclusione.where':
    'Le service en ligne de l’INPS, un patronato ou un CAF. Ensuite l’inscription sur SIISL.',
  'pub.b.assegno_di_inclusione.when': 'À tout moment. L’aide dure 18 mois et peut être renouvelée.',
  'pub.b.supporto_formazione_lavoro.name':
    'Supporto per la Formazione e il Lavoro (aide formation et travail)',
  'pub.b.supporto_formazione_lavoro.desc':
    'Une aide en argent chaque mois pour les personnes de 18 à 59 ans avec un ISEE bas qui suivent une formation, un stage ou un projet pour trouver du travail.',
  'pub.b.supporto_formazione_lavoro.gather':
    'Un ISEE valable, l’inscription au centre pour l’emploi, la preuve de la formation ou du stage, une pièce d’identité.',
  'pub.b.supporto_formazione_lavoro.who': 'Toi.',
  'pub.b.supporto_formazione_lavoro.where':
    'Le service en ligne de l’INPS ou un patronato. Ensuite l’inscription sur SIISL.',
  'pub.b.supporto_formazione_lavoro.when':
    'À tout moment. L’aide est payée pendant la formation, jusqu’à 12 mois.',
  'pub.b.assegno_unico.name': 'Assegno Unico (allocation pour les enfants)',
  'pub.b.assegno_unico.desc':
    'Une aide en argent chaque mois pour chaque enfant jusqu’à 21 ans (sans limite d’âge pour un enfant handicapé). Le montant dépend de l’ISEE.',
  'pub.b.assegno_unico.gather':
    'L’ISEE pour les mineurs (sans ISEE, tu reçois le montant minimum), les codes fiscaux des enfants, un IBAN.',
  'pub.b.assegno_unico.who': 'Un parent. Un enfant majeur peut le demander lui-même.',
  'pub.b.assegno_unico.where': 'Le site de l’INPS, le numéro 803 164 ou un patronato.',
  'pub.b.assegno_unico.when': 'À tout moment. Une seule demande suffit pour les années suivantes.',
  'pub.b.naspi.name': 'NASpI (allocation chômage)',
  'pub.b.naspi.desc':
    'Une aide en argent chaque mois pour les salariées qui ont perdu leur travail sans le vouloir (licenciement, fin de contrat, démission pour juste cause).',
  'pub.b.naspi.gather': 'La lettre de licenciement ou la fin du contrat, un IBAN à ton nom.',
  'pub.b.naspi.who': 'Toi, seule ou avec un patronato.',
  'pub.b.naspi.where': 'Le service en ligne de l’INPS (SPID, CIE), le numéro 803 164, ou un patronato.',
  'pub.b.naspi.when': 'Dans les 68 jours après la fin du travail, sinon le droit est perdu.',
  'pub.b.esonero_assunzione.name': 'Réduction de cotisations pour l’employeur qui t’embauche',
  'pub.b.esonero_assunzione.desc':
    'Un employeur privé qui t’embauche entre 2024 et 2026 ne paie pas les cotisations, jusqu’à 8 000 € par an. C’est un atout quand tu cherches du travail.',
  'pub.b.esonero_assunzione.gather':
    'Pour toi : l’inscription au centre pour l’emploi avant l’embauche et la preuve que tu reçois le Reddito di Libertà.',
  'pub.b.esonero_assunzione.who': 'L’employeur qui t’embauche.',
  'pub.b.esonero_assunzione.where': 'Le service en ligne de l’INPS pour les employeurs.',
  'pub.b.esonero_assunzione.when': 'Pour les embauches du 1er janvier 2024 au 31 décembre 2026.',
  'pub.b.assegno_sociale.name': 'Assegno sociale (allocation pour les personnes âgées)',
  'pub.b.assegno_sociale.desc':
    'Une aide en argent pour les personnes de 67 ans ou plus avec un revenu bas, même sans cotisations.',
  'pub.b.assegno_sociale.gather':
    'Tes revenus (et ceux de ton mari si tu es mariée), une pièce d’identité, la preuve de 10 ans de résidence en Italie, un IBAN.',
  'pub.b.assegno_sociale.who': 'Toi, seule ou avec un patronato.',
  'pub.b.assegno_sociale.where': 'Le service en ligne de l’INPS, le numéro 803 164, ou un patronato.',
  'pub.b.assegno_sociale.when': 'À tout moment après 67 ans.',
  'pub.b.bonus_asilo_nido.name': 'Bonus crèche (bonus asilo nido)',
  'pub.b.bonus_asilo_nido.desc':
    'Le remboursement des frais de crèche pour les enfants de moins de 3 ans. Le montant dépend de l’ISEE pour les mineurs.',
  'pub.b.bonus_asilo_nido.gather': 'L’ISEE pour les mineurs, les reçus des frais payés, un IBAN.',
  'pub.b.bonus_asilo_nido.who': 'Le parent qui paie la crèche.',
  'pub.b.bonus_asilo_nido.where': 'Le site ou l’application de l’INPS, le numéro 803 164, ou un patronato.',
  'pub.b.bonus_asilo_nido.when': 'Avant le 31 décembre de l’année de crèche.',
  'pub.b.bonus_nuovi_nati.name': 'Bonus naissance (bonus nuovi nati)',
  'pub.b.bonus_nuovi_nati.desc':
    '1 000 € une seule fois pour chaque enfant né ou adopté depuis 2025, avec un ISEE pour les mineurs jusqu’à 40 000 €.',
  'pub.b.bonus_nuovi_nati.gather': 'L’ISEE pour les mineurs, le code fiscal de l’enfant, un IBAN.',
  'pub.b.bonus_nuovi_nati.who': 'Un parent : celui qui vit avec l’enfant.',
  'pub.b.bonus_nuovi_nati.where': 'Le site ou l’application de l’INPS, le numéro 803 164, ou un patronato.',
  'pub.b.bonus_nuovi_nati.when': 'Dans les 120 jours après la naissance ou l’arrivée de l’enfant.',
  'pub.b.carta_dedicata_a_te.name': 'Carte « Dedicata a te » (carte pour les courses)',
  'pub.b.carta_dedicata_a_te.desc':
    'Une carte prépayée pour acheter de la nourriture, pour les familles d’au moins 3 personnes avec un ISEE jusqu’à 15 000 € et sans autre aide.',
  'pub.b.carta_dedicata_a_te.gather': 'Un ISEE valable. Il n’y a pas de demande à faire.',
  'pub.b.carta_dedicata_a_te.who': 'Personne : l’INPS choisit les familles et la commune les prévient.',
  'pub.b.carta_dedicata_a_te.where': 'La carte se retire à la poste.',
  'pub.b.carta_dedicata_a_te.when': 'Il faut faire un premier achat avant la date fixée chaque année.',
  'pub.b.assegno_maternita_comuni.name': 'Allocation de maternité de la commune',
  'pub.b.assegno_maternita_comuni.desc':
    'Une aide pour chaque enfant né ou adopté, pour les mères sans indemnité de maternité (ou avec une petite indemnité) et avec un ISEE bas.',
  'pub.b.assegno_maternita_comuni.gather': 'Un ISEE valable, une pièce d’identité, un IBAN.',
  'pub.b.assegno_maternita_comuni.who': 'La mère.',
  'pub.b.assegno_maternita_comuni.where': 'Les services sociaux de la commune. L’INPS paie l’aide.',
  'pub.b.assegno_maternita_comuni.when': 'Dans les 6 mois après la naissance ou l’arrivée de l’enfant.',
  'pub.b.assegno_maternita_stato.name': 'Allocation de maternité de l’État',
  'pub.b.assegno_maternita_stato.desc':
    'Une aide de l’INPS pour les mères avec un travail discontinu (au moins 3 mois de cotisations) et sans indemnité de maternité, ou avec une petite indemnité.',
  'pub.b.assegno_maternita_stato.gather': 'Une pièce d’identité, tes périodes de travail, un IBAN.',
  'pub.b.assegno_maternita_stato.who': 'La mère.',
  'pub.b.assegno_maternita_stato.where': 'Le service en ligne de l’INPS, le numéro 803 164, ou un patronato.',
  'pub.b.assegno_maternita_stato.when': 'Dans les 6 mois après la naissance ou l’arrivée de l’enfant.',
  'pub.b.orfani_crimini_domestici.name': 'Orphelins de crimes domestiques',
  'pub.b.orfani_crimini_domestici.desc':
    'Des protections pour les enfants d’une personne tuée par son conjoint ou son partenaire : une pension aux enfants, un avocat gratuit, un fonds pour les orphelins.',
  'pub.b.orfani_crimini_domestici.gather': 'Le centre antiviolence peut t’aider à réunir les documents.',
  'pub.b.orfani_crimini_domestici.who':
    'Le tuteur des enfants mineurs. Le centre antiviolence peut accompagner.',
  'pub.b.orfani_crimini_domestici.where':
    'L’INPS ou un patronato pour la pension, la Préfecture pour le fonds.',
  'pub.b.orfani_crimini_domestici.when': 'Il n’y a pas une seule date limite.',
  // Les points « à vérifier » du moteur, un par un (clés de verify-texts.ts ; valeurs entre accolades gardées).
  'pub.b.assegno_di_inclusione.verify.care_applicant':
    'La majoration de 0,40 pour les charges de soins est comptée pour toi (seule adulte du foyer), comme le laisse entendre l’art. 2 c. 4 ; aucun exemple de l’INPS ne le confirme.',
  'pub.b.assegno_di_inclusione.verify.consensual':
    'Une rupture du contrat d’un commun accord te laisse le droit à l’ADI seulement si elle a eu lieu selon la procédure de l’art. 7 L. 604/1966.',
  'pub.b.assegno_di_inclusione.verify.measures':
    'Tu ne dois pas être soumise à une mesure restrictive décidée par un juge pendant une procédure pénale (misura cautelare personale), ni condamnée définitivement ces 10 dernières années pour les délits prévus par la loi.',
  'pub.b.assegno_di_inclusione.verify.members_resignation':
    'Aucune autre personne du foyer qui doit chercher un travail ne doit avoir démissionné volontairement ces 12 derniers mois.',
  'pub.b.assegno_di_inclusione.verify.minimum':
    'Le montant calculé est inférieur au minimum de {minimum} par an indiqué par des sources non officielles.',
  'pub.b.assegno_di_inclusione.verify.renters_scale':
    'Pour les foyers en location, le seuil d’accès est de {renters} ; on ne sait pas s’il faut le multiplier par l’échelle d’équivalence, et le revenu de ton foyer se trouve justement entre les deux valeurs.',
  'pub.b.assegno_di_inclusione.verify.resignation_violence':
    'Démissionner pour fuir une violence hors du travail ne fait pas partie de la liste des « justes causes » de l’INPS.',
  'pub.b.assegno_di_inclusione.verify.scale_overlap':
    'Une personne du foyer a droit à deux majorations de l’échelle (handicap et âge) ; seule la plus élevée a été comptée.',
  'pub.b.assegno_di_inclusione.verify.separate_household':
    'Une femme dans un parcours de protection forme un foyer à part, aussi pour l’ISEE, sans décision du juge (règle introduite par la L. 85/2023 ; article et alinéa non trouvés).',
  'pub.b.assegno_di_inclusione.verify.uncertain_minimum_yearly.20240101':
    'Le minimum de 480 € par an vient de deux sources non officielles ; l’article du DL 48/2023 qui le fixe n’a pas été vu.',
  'pub.b.assegno_di_inclusione.verify.vehicles':
    'Personne dans le foyer ne doit avoir une voiture ou une moto immatriculée récemment ou de grosse cylindrée, ni un bateau de plaisance.',
  'pub.b.assegno_maternita_comuni.verify.adoption_entry':
    'Pour un enfant adopté ou confié en vue d’adoption, c’est la date d’arrivée dans la famille qui compte, pas la date de naissance.',
  'pub.b.assegno_maternita_comuni.verify.isee_minorenni_differs':
    'L’ISEE ordinaire ne suffit pas à t’exclure : c’est l’ISEE pour les enfants mineurs qui compte, et il peut être différent (pour les mères suivies par un centre antiviolence, il peut laisser de côté le parent éloigné de la maison ou sans autorité parentale).',
  'pub.b.assegno_maternita_comuni.verify.permit_type':
    'Ton titre de séjour doit être un permis unique de travail ou de recherche (ou un titre équivalent).',
  'pub.b.assegno_maternita_comuni.verify.uncertain_isee_max.20220101':
    'Le seuil ISEE pour les naissances de 2022 est calculé à partir de la valeur 2023 (19.185,13 € ÷ 1,081) : la circulaire INPS 2022 n’a pas été lue.',
  'pub.b.assegno_maternita_comuni.verify.uncertain_monthly.20220101':
    'Le montant pour les naissances de 2022 est calculé à partir de la valeur 2023 (383,46 € ÷ 1,081) : la circulaire INPS 2022 n’a pas été lue.',
  'pub.b.assegno_maternita_stato.verify.adoption_entry':
    'Pour un enfant adopté ou confié en vue d’adoption, c’est la date d’arrivée dans la famille qui compte, pas la date de naissance.',
  'pub.b.assegno_maternita_stato.verify.contributions':
    'Il faut au moins 3 mois de cotisations maternité entre le 18e et le 9e mois avant la naissance ; ou bien la perte, dans les 9 mois avant la naissance, d’une aide liée au travail après au moins 3 mois de cotisations ; ou bien une démission pendant la grossesse avec ces mêmes 3 mois.',
  'pub.b.assegno_maternita_stato.verify.no_isee':
    'Aucun seuil ISEE ne semble prévu pour cette allocation (pas encore confirmé dans l’acte de l’INPS).',
  'pub.b.assegno_maternita_stato.verify.permit_type':
    'Ton titre de séjour doit donner l’égalité de traitement (permis unique de travail ou de recherche, art. 41 c. 1-ter D.Lgs. 286/1998).',
  'pub.b.assegno_maternita_stato.verify.uncertain_amount.20220101':
    'Le montant 2022 n’a été lu que sur un site non officiel qui cite l’INPS ; l’acte de l’INPS n’a pas été lu.',
  'pub.b.assegno_maternita_stato.verify.uncertain_amount.20230101':
    'Le montant 2023 est calculé (2.183,77 € × 1,081) : l’acte de l’INPS n’a pas été trouvé.',
  'pub.b.assegno_maternita_stato.verify.uncertain_amount.20240101':
    'Le montant 2024 n’a été lu que sur des sites non officiels peu fiables (il correspond à 2.360,66 € × 1,054) : l’acte de l’INPS n’a pas été lu.',
  'pub.b.assegno_maternita_stato.verify.uncertain_amount.20250101':
    'Le montant 2025 a été lu sur un site non officiel qui cite la circulaire de l’INPS (2.508,04 € ; avec la valeur 2024 arrondie, on obtiendrait 2.508,05 €).',
  'pub.b.assegno_maternita_stato.verify.uncertain_amount.20260101':
    'Le montant 2026 est calculé (2.508,04 € × 1,014) : l’acte de l’INPS de 2026 n’a pas été trouvé.',
  'pub.b.assegno_sociale.verify.eu_family':
    'Pour les membres de la famille d’un citoyen de l’UE qui ont une carte de séjour, le droit doit être confirmé par l’INPS.',
  'pub.b.assegno_sociale.verify.milione':
    'À partir de {age} ans, tu peux avoir droit à l’« incremento al milione » (montant non calculé ici).',
  'pub.b.assegno_sociale.verify.uncertain_annual_amount.20230101':
    'Valeur 2023 provisoire, donnée par des sources non officielles (503,27 € par mois) ; la revalorisation définitive 2023 (+8,1 %) a été régularisée en 2024 : le montant est à vérifier sur la circulaire de l’INPS.',
  'pub.b.assegno_unico.verify.age_1_3':
    'On ne sait pas si la majoration de 50 % pour les enfants de 1 à 3 ans (foyers avec au moins 3 enfants) vaut aussi l’année du troisième anniversaire ; ici, elle est appliquée.',
  'pub.b.assegno_unico.verify.band_edge':
    'Ton ISEE est à moins de 1 € d’une limite de tranche ; les limites sont calculées avec la règle de revalorisation (l’Allegato 1 de l’INPS n’a pas été lu).',
  'pub.b.assegno_unico.verify.contract_6m':
    'Il faut un contrat de travail à durée indéterminée ou d’au moins 6 mois (si tu es résidente en Italie depuis moins de 2 ans).',
  'pub.b.assegno_unico.verify.count_1_3':
    'Pour la majoration des enfants de 1 à 3 ans, les enfants sont comptés comme pour les autres majorations (tous les enfants du foyer ISEE) ; ce n’est pas écrit clairement.',
  'pub.b.assegno_unico.verify.infringement':
    'La condition de 2 ans de résidence fait l’objet d’une procédure d’infraction de l’UE (avis motivé du 16/11/2023).',
  'pub.b.assegno_unico.verify.irpef': 'Tu dois être soumise à l’impôt sur le revenu (IRPEF) en Italie.',
  'pub.b.assegno_unico.verify.payment_100':
    'Le paiement à 100 % à la mère demande la garde exclusive ou une décision du juge (sinon 50 % à chaque parent, si on le demande).',
  'pub.b.assegno_unico.verify.permit_kind':
    'Ton titre de séjour doit être un permis unique de travail ou un permis de recherche de plus de 6 mois.',
  'pub.b.assegno_unico.verify.protection':
    'Pour les réfugiées et les personnes avec une protection subsidiaire ou spéciale, la condition de nationalité n’est pas confirmée par les sources consultées.',
  'pub.b.assegno_unico.verify.table_2026':
    'Les montants 2026 des majorations sont calculés avec l’indice de 1,4 % (le tableau de la circ. INPS 7/2026 n’a pas été lu).',
  'pub.b.assegno_unico.verify.transitional':
    'Majoration transitoire (art. 5) pour les foyers avec un ISEE jusqu’à 25.000 € qui recevaient l’assegno al nucleo familiare (allocation familiale), terminée en février 2025.',
  'pub.b.bonus_asilo_nido.verify.home_support':
    'Si l’enfant ne peut pas aller à la crèche à cause d’une maladie chronique grave, l’aide pour le soutien à domicile peut être versée (certificat du pédiatre) : à vérifier.',
  'pub.b.bonus_asilo_nido.verify.permit_type':
    'Type de titre de séjour : il doit s’agir d’un permis unique de travail, de recherche, de travail indépendant, d’une Carte bleue ou d’un autre titre cité par la circulaire.',
  'pub.b.bonus_asilo_nido.verify.turned_three':
    'Un enfant a eu 3 ans le {birthday} ; pour les mois de crèche de l’année avant son anniversaire, le remboursement peut encore être versé.',
  'pub.b.bonus_nuovi_nati.verify.adoption_entry':
    'Pour un enfant adopté ou confié en vue d’adoption, c’est la date d’arrivée dans la famille qui compte, pas la date de naissance.',
  'pub.b.bonus_nuovi_nati.verify.isee_minorenni_differs':
    'L’ISEE ordinaire ne suffit pas à t’exclure : c’est l’ISEE pour les enfants mineurs qui compte, et il peut être différent (pour les mères suivies par un centre antiviolence, il peut laisser de côté le parent éloigné de la maison ou sans autorité parentale).',
  'pub.b.bonus_nuovi_nati.verify.permit_type':
    'Un titre de séjour de moins d’un an ne compte que s’il s’agit d’un permis unique de travail ou de recherche.',
  'pub.b.carta_dedicata_a_te.verify.anagrafe':
    'Toutes les personnes du foyer doivent être inscrites à l’Anagrafe (registre de la population) de la commune de résidence.',
  'pub.b.carta_dedicata_a_te.verify.budget':
    'Chaque commune reçoit un nombre limité de cartes, données selon le classement.',
  'pub.b.carta_dedicata_a_te.verify.doubtful_support':
    'On ne sait pas si {what} empêche de recevoir la carte (« autre mesure de soutien »).',
  'pub.b.carta_dedicata_a_te.verify.ranking_boundary':
    'Une personne du foyer est née l’année limite ({year}) et on ne sait pas dans quel groupe elle se trouve.',
  'pub.b.carta_dedicata_a_te.verify.uncertain_amount.20260101':
    'Montant 2026 : le décret d’application 2026 n’a pas été lu ; on suppose le montant de 2025 (500 €).',
  'pub.b.carta_dedicata_a_te.verify.uncertain_isee_max.20260101':
    'Seuil ISEE 2026 : le décret d’application 2026 n’a pas été lu ; on suppose le seuil de 2025 (15.000 €).',
  'pub.b.carta_dedicata_a_te.verify.uncertain_min_members.20260101':
    'Conditions 2026 : la loi de finances 2026 finance à nouveau la carte, mais le décret d’application 2026 n’a pas été lu ; on suppose les conditions de 2025.',
  'pub.b.carta_dedicata_a_te.verify.uncertain_priority1_born_after.20260101':
    'Dates du classement 2026 reprises des années précédentes (nés après le 31/12/2012, puis après le 31/12/2008) : le décret 2026 n’a pas été lu.',
  'pub.b.carta_dedicata_a_te.verify.uncertain_priority2_born_after.20230101':
    'Date du deuxième groupe de priorité 2023 (nés après le 31/12/2005) reprise des années suivantes.',
  'pub.b.carta_dedicata_a_te.verify.uncertain_priority2_born_after.20260101':
    'Dates du classement 2026 reprises des années précédentes (nés après le 31/12/2012, puis après le 31/12/2008) : le décret 2026 n’a pas été lu.',
  'pub.b.congedo_violenza.verify.part_time':
    'Droit de passer à temps partiel sur demande (le texte de l’art. 24 après l’alinéa 4 n’a pas été relu).',
  'pub.b.congedo_violenza.verify.self_employed_amount':
    'Le montant en euros de l’indemnité journalière des travailleuses indépendantes pour 2025 et 2026 n’a pas été trouvé dans les actes de l’INPS.',
  'pub.b.esonero_assunzione.verify.did':
    'Tu dois avoir fait la déclaration de disponibilité immédiate au travail (DID) avant l’embauche.',
  'pub.b.esonero_assunzione.verify.employer':
    'L’employeur doit être privé, et l’embauche à durée indéterminée, à durée déterminée (aussi en intérim) ou une transformation en contrat à durée indéterminée.',
  'pub.b.esonero_assunzione.verify.funds':
    'L’exonération est accordée dans la limite des fonds prévus chaque année.',
  'pub.b.esonero_assunzione.verify.rdl_2023':
    'Si tu as reçu le Reddito di Libertà en 2023, l’exonération vaut aussi si tu ne le reçois plus maintenant.',
  'pub.b.naspi.verify.consensual_procedure':
    'Si la rupture d’un commun accord a eu lieu selon la procédure de l’art. 7 L. 604/1966 (ou après le refus d’une mutation à plus de 50 km), tu as droit à la NASpI.',
  'pub.b.naspi.verify.previous_resignation':
    'Si, dans les 12 mois avant cette perte d’emploi, tu as démissionné volontairement d’un autre travail, les 13 semaines doivent avoir été accumulées après cette démission.',
  'pub.b.naspi.verify.violence_outside_work':
    'Démissionner pour fuir une violence hors du travail ne fait pas partie des « justes causes » reconnues par l’INPS ; en 2024, l’INPS a refusé la NASpI à une victime de harcèlement (stalking). Regarde aussi le congé pour les victimes de violence, l’ADI ou le Reddito di Libertà.',
  'pub.b.naspi.verify.working_now':
    'Avec un nouveau travail, la NASpI est suspendue ou réduite selon le revenu (art. 9 et 10 D.Lgs. 22/2015).',
  'pub.b.orfani_crimini_domestici.verify.domestic_crime':
    'Le parent a été tué par son conjoint (même séparé ou divorcé), par son partenaire d’union civile ou par son compagnon.',
  'pub.b.orfani_crimini_domestici.verify.inps_credits':
    'Pour 2020–2022, les sommes que l’auteur (décédé depuis) doit à l’État et à l’INPS ne sont pas reprises sur les biens hérités par les enfants ; pour les années suivantes, la règle n’a pas été vérifiée.',
  'pub.b.orfani_crimini_domestici.verify.self_sufficient':
    'Les enfants majeurs ne comptent que s’ils ne sont pas autonomes financièrement.',
  'pub.b.reddito_di_liberta.verify.funding_2026':
    'Fonds 2026 (10 M€ de la L. 213/2023, 1 M€ de la L. 207/2024 et l’augmentation prévue par le projet de la L. 199/2025, dont le dernier alinéa n’a pas été vu).',
  'pub.b.reddito_di_liberta.verify.isee_document':
    'Certaines sources mettent l’ISEE parmi les documents, mais il ne fait pas partie des conditions officielles.',
  'pub.b.reddito_di_liberta.verify.regional_budget':
    'La Région doit encore avoir des fonds : les demandes sont acceptées dans l’ordre d’arrivée, jusqu’à la fin du budget de la Région.',
  'pub.b.reddito_di_liberta.verify.transition_2025':
    'Du 5/3/2025 jusqu’à l’ouverture des nouvelles demandes ({from}), on pouvait seulement présenter à nouveau les demandes refusées par manque de fonds.',
  'pub.b.reddito_di_liberta.verify.uncertain_monthly_max.20251228':
    'Montant de 530 € selon le Decreto 17/9/2025 (GU 13/12/2025) ; la date de départ (supposée ici le 28/12/2025, 15 jours après la publication) et les instructions de l’INPS n’ont pas été trouvées.',
  'pub.b.supporto_formazione_lavoro.verify.adi_check':
    'Si tu as un handicap, des charges de soins ou si tu es une victime de violence suivie par les services sociaux (DM 154/2023 art. 5), et si ton foyer remplit les conditions de l’ADI, c’est l’ADI qui te revient, pas le Supporto.',
  'pub.b.supporto_formazione_lavoro.verify.consensual':
    'Une rupture du contrat d’un commun accord est acceptée si elle a eu lieu selon la procédure de l’art. 7 L. 604/1966.',
  'pub.b.supporto_formazione_lavoro.verify.resignation_violence':
    'Démissionner pour fuir une violence hors du travail ne fait pas partie de la liste des « justes causes » de l’INPS.',
  'pub.b.supporto_formazione_lavoro.verify.unemployment_benefit':
    'Quelqu’un dans le foyer reçoit la NASpI ou la DIS-COLL ; si c’est toi, le Supporto ne s’ajoute pas à cette aide.',
};
