import type { Messages } from '../../../platform/i18n/index.ts';

// Español. Frases cortas, tuteo como en italiano.
export const es: Messages = {
  'pub.start.heading': 'Descubre qué ayudas puedes recibir',
  'pub.start.intro':
    'Responde a unas preguntas sencillas, una cada vez. Al final ves qué ayudas del INPS y del ayuntamiento podrían corresponderte, cuánto valen, qué preparar y a quién dirigirte.',
  'pub.start.safe':
    'Es anónimo: no pedimos tu nombre, no guardamos tus respuestas, no usamos cookies. Tus respuestas nunca aparecen en la dirección de la página.',
  'pub.start.unknown': 'Si no sabes una respuesta, elige «No lo sé»: no pasa nada.',
  'pub.start.exit':
    'Si alguien se acerca, pulsa «Salir ya» arriba o pulsa 3 veces la tecla Mayús: se abre una página neutra.',
  'pub.start.lang': 'Elige tu idioma y empieza',
  'pub.start.begin': 'Empezar en español',
  'pub.start.centres': 'Busca un centro antiviolencia cerca de ti',
  'pub.norules.heading': 'La comprobación de derechos no está disponible en este momento',
  'pub.norules.text':
    'Las reglas en las que se basa la comprobación todavía no están actualizadas para la fecha de hoy: por eso no puede decirte de forma fiable qué ayudas te corresponden. Volverá a estar disponible en cuanto se actualicen las reglas.',
  'pub.norules.help':
    'Mientras tanto, un centro antiviolencia o el INPS pueden revisar contigo tu situación, gratis. El 1522 responde gratis, las 24 horas, también en otros idiomas.',
  'pub.step.count': 'Pregunta {n}',
  'pub.step.next': 'Continuar',
  'pub.step.back': 'Atrás',
  'pub.step.safe': 'Tus respuestas no se guardan.',
  'pub.unknown': 'No lo sé',
  'pub.yes': 'Sí',
  'pub.no': 'No',
  'pub.date.hint': 'Por ejemplo 15/03/1990 (día/mes/año)',
  'pub.amount.value': 'Conozco el importe',
  'pub.amount.input': 'Importe en euros',
  'pub.amount.hint': 'Por ejemplo 15000 o 15000,50',
  'pub.errors.title': 'Revisa estas respuestas',
  'pub.err.choose': 'Elige una de las respuestas',
  'pub.err.date.required': 'Escribe la fecha, por ejemplo 15/03/1990',
  'pub.err.date': 'Esta fecha no existe: escríbela como día/mes/año, por ejemplo 15/03/1990',
  'pub.err.date.future': 'La fecha no puede estar en el futuro',
  'pub.err.date.old': 'Revisa el año: esta fecha es de hace más de 120 años',
  'pub.err.number.orUnknown': 'Escribe un número o elige «No lo sé»',
  'pub.err.number.required': 'Escribe un número',
  'pub.err.number': 'Escribe solo un número, por ejemplo 3',
  'pub.err.range': 'Escribe un número entre {min} y {max}',
  'pub.err.amount.required': 'Escribe el importe en euros o elige otra respuesta',
  'pub.err.amount': 'Escribe el importe solo con cifras, por ejemplo 15000 o 15000,50',
  'pub.err.text.long': 'El texto es demasiado largo (100 caracteres como máximo)',
  'pub.err.text.required': 'Escribe una respuesta',
  'pub.q.victim': '¿Has sufrido violencia por parte de tu pareja, una expareja o un familiar?',
  'pub.q.victim.hint': 'Violencia física, psicológica, económica o sexual, también en el pasado.',
  'pub.q.cav': '¿Te atiende un centro antiviolencia?',
  'pub.q.cav.hint': 'Un centro reconocido por la Región, que puede declararlo por escrito.',
  'pub.q.socialServices': '¿Te atienden los servicios sociales de tu ayuntamiento?',
  'pub.q.socialServices.hint': 'Por ejemplo, una trabajadora social que conoce tu situación.',
  'pub.q.stateOfNeed': '¿Los servicios sociales han reconocido que necesitas dinero con urgencia?',
  'pub.q.stateOfNeed.hint': 'Normalmente lo escribe la trabajadora social en una declaración.',
  'pub.q.shelter': '¿Vives ahora en una casa de acogida?',
  'pub.q.shelter.hint': 'Una casa protegida a la que se llega a través de un centro antiviolencia.',
  'pub.q.pathStart': '¿Desde cuándo empezó tu proceso de protección?',
  'pub.q.pathStart.hint':
    'El día en que el centro o los servicios empezaron a atenderte. Si no lo sabes, déjalo vacío.',
  'pub.q.sex': '¿Eres mujer?',
  'pub.q.birthDate': '¿Cuál es tu fecha de nacimiento?',
  'pub.q.citizenship': '¿Cuál es tu nacionalidad?',
  'pub.q.permitMonths': '¿Para cuántos meses vale tu permiso de residencia?',
  'pub.q.permitMonths.hint': 'La duración escrita en el permiso, en meses (por ejemplo 24).',
  'pub.q.residenceYears': '¿Cuántos años llevas empadronada en Italia?',
  'pub.q.residenceYears.hint': 'En total, aunque haya interrupciones. Escribe 0 si es menos de un año.',
  'pub.q.residenceContinuousYears': 'De esos años, ¿cuántos sin interrupción hasta hoy?',
  'pub.q.household': '¿Quién vive contigo?',
  'pub.q.birthDates': '¿Cuándo nacieron las personas que viven contigo?',
  'pub.q.memberDisability': '¿Alguna de las personas que viven contigo tiene una discapacidad reconocida?',
  'pub.q.inEducation':
    '¿Tus hijos de 18 a 20 años estudian, hacen un curso o unas prácticas, o están inscritos en el centro de empleo?',
  'pub.q.nursery': '¿Tus hijos van a la guardería?',
  'pub.q.earnsFromWork': '¿Quién, entre las personas que viven contigo, gana dinero trabajando?',
  'pub.q.isee': '¿Cuál es el valor de tu ISEE?',
  'pub.q.isee.hint': 'Está en tu certificado ISEE vigente. Un CAF o un patronato lo hacen gratis.',
  'pub.q.isee.none': 'No tengo un ISEE válido',
  'pub.q.iseeMinorenni': '¿Cuál es el valor del ISEE para los hijos menores de edad?',
  'pub.q.iseeMinorenni.hint': 'Si es igual al ISEE normal, escribe el mismo valor.',
  'pub.q.iseeMinorenni.none': 'No tengo un ISEE para menores',
  'pub.q.iseeScale': '¿Cuál es la escala de equivalencia escrita en tu ISEE?',
  'pub.q.iseeScale.hint': 'Un número como 1,57: está escrito en el certificado ISEE.',
  'pub.q.familyIncome': '¿Cuánto gana toda tu familia en un año?',
  'pub.q.familyIncome.hint': 'Los ingresos familiares que indica el ISEE, en euros al año.',
  'pub.q.familyIncome.none': 'Ningún ingreso',
  'pub.q.rentAnnual': '¿Cuánto pagas de alquiler en un año?',
  'pub.q.rentAnnual.hint': 'Solo si tienes un contrato de alquiler registrado.',
  'pub.q.rentAnnual.none': 'No pago alquiler',
  'pub.q.movableAssets': '¿Cuántos ahorros tiene tu familia?',
  'pub.q.movableAssets.hint': 'Cuentas, libretas, títulos: el patrimonio mobiliario del ISEE.',
  'pub.q.movableAssets.none': 'Ningún ahorro',
  'pub.q.realEstate': '¿Cuánto valen las casas o terrenos que tienes, aparte de la casa donde vives?',
  'pub.q.realEstate.hint': 'El patrimonio inmobiliario del ISEE, sin la casa donde vives.',
  'pub.q.realEstate.none': 'Ningún otro inmueble',
  'pub.q.auuAnnual': '¿Cuánto asegno unico por los hijos recibisteis en el año del ISEE?',
  'pub.q.auuAnnual.hint': 'En euros, en todo el año.',
  'pub.q.auuAnnual.none': 'No lo recibimos',
  'pub.q.bothParentsWork': '¿Trabajáis los dos, tú y el otro progenitor?',
  'pub.q.bothParentsWork.hint': 'Si crías a tus hijos sola, responde sí si tienes ingresos por trabajo.',
  'pub.q.work': '¿Cuál es tu situación laboral?',
  'pub.q.disability': '¿Tienes una discapacidad reconocida?',
  'pub.q.training': '¿Participas en un curso de formación o en un proyecto para encontrar trabajo?',
  'pub.q.training.hint': 'Por ejemplo, un curso del centro de empleo.',
  'pub.q.married': '¿Estás casada?',
  'pub.q.married.hint': 'Cuenta el matrimonio no disuelto, aunque viváis separados.',
  'pub.q.income': '¿Cuánto ganas tú en un año?',
  'pub.q.income.hint': 'Tus ingresos personales, en euros al año.',
  'pub.q.income.none': 'Ningún ingreso',
  'pub.q.coupleIncome': '¿Cuánto ganáis juntos en un año, tú y tu marido?',
  'pub.q.coupleIncome.hint': 'En euros al año.',
  'pub.q.coupleIncome.none': 'Ningún ingreso',
  'pub.q.maternityPay': '¿Cuánto recibiste de prestación por maternidad por el último nacimiento?',
  'pub.q.maternityPay.hint': 'En total, en euros.',
  'pub.q.maternityPay.none': 'Nada',
  'pub.q.congedoDaysUsed': '¿Cuántos días de permiso por violencia has usado ya?',
  'pub.q.endReason': '¿Por qué terminó tu último trabajo?',
  'pub.q.endDate': '¿Cuándo terminó tu último trabajo?',
  'pub.q.endDate.hint': 'Si no recuerdas el día, déjalo vacío.',
  'pub.q.contributionWeeks4y': '¿Cuántas semanas trabajaste con cotizaciones en los últimos 4 años?',
  'pub.q.contributionWeeks4y.hint':
    'Está en tu extracto de cotizaciones del INPS. Un año entero son 52 semanas.',
  'pub.q.monthlyReferencePay': '¿Cuánto ganabas al mes, en bruto, en tu último trabajo?',
  'pub.q.monthlyReferencePay.hint': 'En euros al mes, antes de impuestos.',
  'pub.q.comune': '¿En qué municipio vives?',
  'pub.q.comune.hint': 'Solo sirve para mostrarte el centro antiviolencia más cercano. Puedes dejarlo vacío.',
  'pub.f.children': '¿Cuántos hijos viven contigo?',
  'pub.f.children.hint': 'Escribe 0 si ninguno.',
  'pub.f.partner': '¿Vive contigo un marido, una esposa o una pareja?',
  'pub.f.others': '¿Cuántas otras personas viven contigo?',
  'pub.f.others.hint': 'Por ejemplo, tus padres u otros familiares. Escribe 0 si ninguna.',
  'pub.member.child': 'Hija o hijo {n}',
  'pub.member.partner': 'Marido, esposa o pareja',
  'pub.member.other': 'Otra persona {n}',
  'pub.o.citizenship.it': 'Italiana',
  'pub.o.citizenship.eu': 'De otro país de la Unión Europea',
  'pub.o.citizenship.eu_family': 'Familiar de una persona ciudadana de la UE, con tarjeta de residencia',
  'pub.o.citizenship.non_eu_long_term': 'De fuera de la UE, con permiso de residencia de larga duración',
  'pub.o.citizenship.non_eu_permit':
    'De fuera de la UE, con otro permiso de residencia (también el resguardo de renovación)',
  'pub.o.citizenship.refugee': 'Refugiada (asilo político)',
  'pub.o.citizenship.subsidiary_protection': 'Con protección subsidiaria',
  'pub.o.citizenship.special_protection': 'Con protección especial',
  'pub.o.citizenship.none': 'Sin permiso de residencia',
  'pub.o.disability.none': 'No',
  'pub.o.disability.medium': 'Sí, discapacidad media',
  'pub.o.disability.severe': 'Sí, discapacidad grave',
  'pub.o.disability.non_self_sufficient': 'Sí, no autosuficiente',
  'pub.o.work.employee_private': 'Trabajo por cuenta ajena en una empresa privada',
  'pub.o.work.employee_public': 'Trabajo en el sector público',
  'pub.o.work.domestic': 'Trabajo como empleada doméstica, cuidadora o canguro',
  'pub.o.work.self_employed': 'Trabajo por cuenta propia',
  'pub.o.work.parasubordinate': 'Tengo un contrato de colaboración',
  'pub.o.work.unemployed': 'No trabajo y busco trabajo',
  'pub.o.work.inactive': 'No trabajo y no busco trabajo',
  'pub.o.work.student': 'Estudio',
  'pub.o.work.retired': 'Estoy jubilada',
  'pub.o.endReason.dismissal': 'Me despidieron',
  'pub.o.endReason.contract_end': 'Mi contrato temporal terminó',
  'pub.o.endReason.resignation': 'Dimití',
  'pub.o.endReason.resignation_just_cause': 'Dimití por culpa del empleador (sueldos sin pagar, acoso)',
  'pub.o.endReason.resignation_violence': 'Dimití para escapar de la violencia',
  'pub.o.endReason.consensual': 'Acordamos terminar el contrato',
  'pub.result.heading': 'Lo que podría corresponderte',
  'pub.result.intro':
    'Este resultado es orientativo: se basa en tus respuestas y en las normas de hoy. La solicitud real se hace al INPS o al ayuntamiento. El centro antiviolencia y el INPS te ayudan gratis.',
  'pub.result.eligible': 'Probablemente te corresponde',
  'pub.result.undetermined': 'Por comprobar',
  'pub.result.undetermined.intro': 'Podría corresponderte: hace falta algo más de información.',
  'pub.result.notEligible': 'Por ahora no parece corresponderte',
  'pub.result.info': 'Es bueno saberlo',
  'pub.result.none':
    'Con tus respuestas no hemos encontrado ayudas que te correspondan con seguridad. El centro antiviolencia y el INPS pueden mirar tu situación contigo.',
  'pub.result.amount': 'Cuánto',
  'pub.result.open': 'Para saberlo hace falta esta información:',
  'pub.result.verify': 'Por comprobar con el centro antiviolencia o el INPS:',
  'pub.result.verify.generic':
    'Algunas normas todavía no son seguras: compruébalas con el centro antiviolencia o el INPS.',
  'pub.result.documents': 'Qué preparar',
  'pub.result.who': 'Quién hace la solicitud',
  'pub.result.channel': 'Dónde y cómo',
  'pub.result.deadline': 'Hasta cuándo',
  'pub.amt.monthly': '{eur} al mes',
  'pub.amt.months': 'durante {n} meses',
  'pub.amt.total': 'hasta {eur} en total',
  'pub.amt.yearly': '{eur} al año',
  'pub.amt.once': '{eur} una sola vez',
  'pub.amt.days': 'todavía {n} días de permiso disponibles',
  'pub.amt.sep': ', ',
  'pub.amt.range': 'de {min} a {max}',
  'pub.help.heading': 'Ayuda gratuita',
  'pub.help.cav':
    'Un centro antiviolencia te escucha, te acompaña y te ayuda a pedir estas ayudas. Es gratis y confidencial.',
  'pub.help.inps':
    'El INPS, con las ventanillas «Inps per tutti», te ayuda gratis a presentar las solicitudes, también dentro del centro antiviolencia.',
  'pub.help.1522': 'Puedes llamar al 1522, gratis, 24 horas al día, también en otros idiomas.',
  'pub.near.heading': 'Centros antiviolencia cerca de ti',
  'pub.near.notFound': 'No hemos encontrado el municipio «{name}». Busca en la lista de centros.',
  'pub.near.none': 'No tenemos ningún centro en tu zona. Llama al 1522: te dirán cuál es el más cercano.',
  'pub.near.all': 'Ver todos los centros antiviolencia',
  'pub.sheet.title': 'Tus derechos: hoja informativa',
  'pub.sheet.date':
    'Resultado del {date}. Es orientativo: la solicitud real se hace al INPS o al ayuntamiento.',
  'pub.sheet.download': 'Descargar la hoja (PDF)',
  'pub.sheet.print': 'Imprimir',
  'pub.sheet.none': 'La hoja en PDF no está disponible en este idioma: puedes imprimir la página.',
  'pub.result.again': 'Empezar de nuevo',
  'pub.result.print': 'Puedes imprimir esta página. Recuerda que quien use este dispositivo podría verla.',
  'pub.centre.comune': 'Municipio',
  'pub.centre.phone': 'Teléfono',
  'pub.centre.hours': 'Horario',
  'pub.centre.website': 'Sitio web',
  'pub.dir.heading': 'Centros antiviolencia',
  'pub.dir.intro':
    'Los centros antiviolencia ayudan gratis y de forma confidencial a las mujeres que sufren violencia, también con las solicitudes al INPS.',
  'pub.dir.search': 'Buscar por municipio o por nombre',
  'pub.dir.submit': 'Buscar',
  'pub.dir.empty': 'No se ha encontrado ningún centro. Prueba otro municipio o llama al 1522.',
  'pub.dir.count': '{total} centros encontrados',
  'pub.dir.page': 'Página {page} de {pages}',
  'pub.dir.prev': 'Página anterior',
  'pub.dir.next': 'Página siguiente',
  'pub.dir.pages': 'Páginas de resultados',
  'pub.dir.shelters':
    'Las casas de acogida no aparecen en la lista, por la seguridad de quien vive allí: se llega a ellas a través de un centro antiviolencia o del 1522.',

  // Las ayudas, en lenguaje sencillo (el italiano y el inglés vienen del motor).
  'pub.b.reddito_di_liberta.name': 'Reddito di Libertà (renta de libertad)',
  'pub.b.reddito_di_liberta.desc':
    'Una ayuda económica para mujeres víctimas de violencia atendidas por un centro antiviolencia y por los servicios sociales. Ayuda a pagar una vivienda, a ser autónoma y los estudios de los hijos.',
  'pub.b.reddito_di_liberta.gather':
    'Una declaración del centro antiviolencia, una declaración de los servicios sociales, un documento de identidad (y el permiso de residencia si no eres de la UE), un IBAN a tu nombre.',
  'pub.b.reddito_di_liberta.who': 'Tú, con la ayuda del ayuntamiento.',
  'pub.b.reddito_di_liberta.where': 'Los servicios sociales del ayuntamiento envían la solicitud al INPS.',
  'pub.b.reddito_di_liberta.when': 'En cualquier momento del año, mientras haya fondos de la Región.',
  'pub.b.congedo_violenza.name': 'Permiso pagado para mujeres víctimas de violencia',
  'pub.b.congedo_violenza.desc':
    'Hasta 3 meses de permiso pagado para trabajadoras en un proceso de protección. Se usa en 3 años, también por horas.',
  'pub.b.congedo_violenza.gather':
    'El certificado del proceso de protección (servicios sociales, centro antiviolencia o casa de acogida). Un aviso por escrito al empleador al menos 7 días antes.',
  'pub.b.congedo_violenza.who':
    'Tú, sola o con un patronato. En el sector público se pide a tu administración.',
  'pub.b.congedo_violenza.where':
    'El servicio en línea del INPS (SPID, CIE), el número 803 164 o un patronato.',
  'pub.b.congedo_violenza.when': 'Antes de que empiece el permiso, como muy tarde el primer día.',
  'pub.b.assegno_di_inclusione.name': 'Assegno di Inclusione (subsidio de inclusión)',
  'pub.b.assegno_di_inclusione.desc':
    'Una ayuda económica cada mes y un acompañamiento para familias con pocos ingresos. También para mujeres víctimas de violencia atendidas por los servicios.',
  'pub.b.assegno_di_inclusione.gather':
    'Un ISEE válido, la declaración del centro antiviolencia o de los servicios sociales, el contrato de alquiler si pagas alquiler, un documento de identidad.',
  'pub.b.assegno_di_inclusione.who': 'Una persona de la familia, sola o con un patronato o un CAF.',
  'pub.b.assegno_di_inclusione.where':
    'El servicio en línea del INPS, un patronato o un CAF. Después, la inscripción en SIISL.',
  'pub.b.assegno_di_inclusione.when': 'En cualquier momento. Dura 18 meses y se puede renovar.',
  'pub.b.supporto_formazione_lavoro.name':
    'Supporto per la Formazione e il Lavoro (ayuda para formación y trabajo)',
  'pub.b.supporto_formazione_lavoro.desc':
    'Una ayuda económica cada mes para personas de 18 a 59 años con un ISEE bajo que hacen un curso, unas prácticas o un proyecto para encontrar trabajo.',
  'pub.b.supporto_formazione_lavoro.gather':
    'Un ISEE válido, la inscripción en el centro de empleo, la prueba del curso o de las prácticas, un documento de identidad.',
  'pub.b.supporto_formazione_lavoro.who': 'Tú.',
  'pub.b.supporto_formazione_lavoro.where':
    'El servicio en línea del INPS o un patronato. Después, la inscripción en SIISL.',
  'pub.b.supporto_formazione_lavoro.when': 'En cualquier momento. Se paga durante el curso, hasta 12 meses.',
  'pub.b.assegno_unico.name': 'Assegno Unico (subsidio por hijos)',
  'pub.b.assegno_unico.desc':
    'Una ayuda económica cada mes por cada hijo hasta los 21 años (sin límite de edad si tiene una discapacidad). El importe depende del ISEE.',
  'pub.b.assegno_unico.gather':
    'El ISEE para menores (sin ISEE recibes el importe mínimo), los códigos fiscales de los hijos, un IBAN.',
  'pub.b.assegno_unico.who': 'Uno de los progenitores. Un hijo mayor de edad puede pedirlo él mismo.',
  'pub.b.assegno_unico.where': 'La web del INPS, el número 803 164 o un patronato.',
  'pub.b.assegno_unico.when': 'En cualquier momento. Basta una solicitud para los años siguientes.',
  'pub.b.naspi.name': 'NASpI (prestación por desempleo)',
  'pub.b.naspi.desc':
    'Una ayuda económica cada mes para trabajadoras por cuenta ajena que perdieron el trabajo sin quererlo (despido, fin de contrato, dimisión por causa justa).',
  'pub.b.naspi.gather': 'La carta de despido o el fin del contrato, un IBAN a tu nombre.',
  'pub.b.naspi.who': 'Tú, sola o con un patronato.',
  'pub.b.naspi.where': 'El servicio en línea del INPS (SPID, CIE), el número 803 164 o un patronato.',
  'pub.b.naspi.when': 'En los 68 días siguientes al fin del trabajo; si no, se pierde el derecho.',
  'pub.b.esonero_assunzione.name': 'Exención de cotizaciones para quien te contrate',
  'pub.b.esonero_assunzione.desc':
    'Una empresa privada que te contrate entre 2024 y 2026 no paga cotizaciones, hasta 8.000 € al año. Es una ventaja cuando buscas trabajo.',
  'pub.b.esonero_assunzione.gather':
    'Para ti: la inscripción en el centro de empleo antes de la contratación y la prueba de que recibes el Reddito di Libertà.',
  'pub.b.esonero_assunzione.who': 'La empresa que te contrata.',
  'pub.b.esonero_assunzione.where': 'El servicio en línea del INPS para empresas.',
  'pub.b.esonero_assunzione.when': 'Para contrataciones del 1 de enero de 2024 al 31 de diciembre de 2026.',
  'pub.b.assegno_sociale.name': 'Assegno sociale (subsidio para personas mayores)',
  'pub.b.assegno_sociale.desc':
    'Una ayuda económica para personas de 67 años o más con ingresos bajos, aunque no tengan cotizaciones.',
  'pub.b.assegno_sociale.gather':
    'Tus ingresos (y los de tu marido si estás casada), un documento de identidad, la prueba de 10 años de residencia en Italia, un IBAN.',
  'pub.b.assegno_sociale.who': 'Tú, sola o con un patronato.',
  'pub.b.assegno_sociale.where': 'El servicio en línea del INPS, el número 803 164 o un patronato.',
  'pub.b.assegno_sociale.when': 'En cualquier momento después de cumplir 67 años.',
  'pub.b.bonus_asilo_nido.name': 'Bono guardería (bonus asilo nido)',
  'pub.b.bonus_asilo_nido.desc':
    'El reembolso de la cuota de la guardería para niños menores de 3 años. El importe depende del ISEE para menores.',
  'pub.b.bonus_asilo_nido.gather': 'El ISEE para menores, los recibos de las cuotas pagadas, un IBAN.',
  'pub.b.bonus_asilo_nido.who': 'El progenitor que paga la guardería.',
  'pub.b.bonus_asilo_nido.where': 'La web o la app del INPS, el número 803 164 o un patronato.',
  'pub.b.bonus_asilo_nido.when': 'Hasta el 31 de diciembre del año de guardería.',
  'pub.b.bonus_nuovi_nati.name': 'Bono por nacimiento (bonus nuovi nati)',
  'pub.b.bonus_nuovi_nati.desc':
    '1.000 € una sola vez por cada hijo nacido o adoptado desde 2025, con un ISEE para menores de hasta 40.000 €.',
  'pub.b.bonus_nuovi_nati.gather': 'El ISEE para menores, el código fiscal del niño, un IBAN.',
  'pub.b.bonus_nuovi_nati.who': 'Uno de los progenitores: el que vive con el niño.',
  'pub.b.bonus_nuovi_nati.where': 'La web o la app del INPS, el número 803 164 o un patronato.',
  'pub.b.bonus_nuovi_nati.when': 'En los 120 días siguientes al nacimiento o a la llegada del niño.',
  'pub.b.carta_dedicata_a_te.name': 'Tarjeta «Dedicata a te» (tarjeta para la compra)',
  'pub.b.carta_dedicata_a_te.desc':
    'Una tarjeta prepago para comprar comida, para familias de al menos 3 personas con un ISEE de hasta 15.000 € y sin otras ayudas.',
  'pub.b.carta_dedicata_a_te.gather': 'Un ISEE válido. No hay que hacer ninguna solicitud.',
  'pub.b.carta_dedicata_a_te.who': 'Nadie: el INPS elige a las familias y el ayuntamiento les avisa.',
  'pub.b.carta_dedicata_a_te.where': 'La tarjeta se recoge en correos.',
  'pub.b.carta_dedicata_a_te.when': 'Hay que hacer una primera compra antes de la fecha fijada cada año.',
  'pub.b.assegno_maternita_comuni.name': 'Subsidio de maternidad del ayuntamiento',
  'pub.b.assegno_maternita_comuni.desc':
    'Una ayuda por cada hijo nacido o adoptado, para madres sin prestación por maternidad (o con una prestación pequeña) y con un ISEE bajo.',
  'pub.b.assegno_maternita_comuni.gather': 'Un ISEE válido, un documento de identidad, un IBAN.',
  'pub.b.assegno_maternita_comuni.who': 'La madre.',
  'pub.b.assegno_maternita_comuni.where': 'Los servicios sociales del ayuntamiento. El INPS paga la ayuda.',
  'pub.b.assegno_maternita_comuni.when': 'En los 6 meses siguientes al nacimiento o a la llegada del niño.',
  'pub.b.assegno_maternita_stato.name': 'Subsidio de maternidad del Estado',
  'pub.b.assegno_maternita_stato.desc':
    'Una ayuda del INPS para madres con trabajos discontinuos (al menos 3 meses de cotizaciones) y sin prestación por maternidad, o con una prestación pequeña.',
  'pub.b.assegno_maternita_stato.gather': 'Un documento de identidad, tus periodos de trabajo, un IBAN.',
  'pub.b.assegno_maternita_stato.who': 'La madre.',
  'pub.b.assegno_maternita_stato.where': 'El servicio en línea del INPS, el número 803 164 o un patronato.',
  'pub.b.assegno_maternita_stato.when': 'En los 6 meses siguientes al nacimiento o a la llegada del niño.',
  'pub.b.orfani_crimini_domestici.name': 'Huérfanos de crímenes domésticos',
  'pub.b.orfani_crimini_domestici.desc':
    'Protecciones para los hijos de una persona asesinada por su cónyuge o su pareja: una pensión para los hijos, un abogado gratuito, un fondo para huérfanos.',
  'pub.b.orfani_crimini_domestici.gather': 'El centro antiviolencia puede ayudarte a reunir los documentos.',
  'pub.b.orfani_crimini_domestici.who':
    'El tutor de los hijos menores. El centro antiviolencia puede acompañar.',
  'pub.b.orfani_crimini_domestici.where':
    'El INPS o un patronato para la pensión; la Prefectura para el fondo.',
  'pub.b.orfani_crimini_domestici.when': 'No hay una única fecha límite.',
  // Los puntos «por comprobar» del motor, uno a uno (claves de verify-texts.ts; los valores entre llaves se mantienen).
  'pub.b.assegno_di_inclusione.verify.care_applicant':
    'El aumento de 0,40 por cargas de cuidado se cuenta para ti (única adulta del hogar), como se deduce del texto del art. 2 c. 4; no hemos visto ningún ejemplo del INPS.',
  'pub.b.assegno_di_inclusione.verify.consensual':
    'Una extinción del contrato de mutuo acuerdo solo te deja el derecho al ADI si se hizo en el procedimiento del art. 7 L. 604/1966.',
  'pub.b.assegno_di_inclusione.verify.measures':
    'No debes estar sometida a una medida cautelar personal ni condenada en firme en los últimos 10 años por los delitos que indica la ley.',
  'pub.b.assegno_di_inclusione.verify.members_resignation':
    'Ninguna otra persona del hogar que deba buscar trabajo puede haber dimitido voluntariamente en los últimos 12 meses.',
  'pub.b.assegno_di_inclusione.verify.minimum':
    'El importe calculado está por debajo del mínimo de {minimum} al año que indican fuentes no oficiales.',
  'pub.b.assegno_di_inclusione.verify.renters_scale':
    'Para los hogares de alquiler, el umbral de acceso es {renters}; no está claro si hay que multiplicarlo por la escala de equivalencia, y los ingresos de tu hogar están justo entre los dos valores.',
  'pub.b.assegno_di_inclusione.verify.resignation_violence':
    'Dimitir para escapar de la violencia fuera del trabajo no está en la lista de «justas causas» del INPS.',
  'pub.b.assegno_di_inclusione.verify.scale_overlap':
    'Una persona del hogar tiene derecho a dos aumentos de la escala (discapacidad y edad); solo se ha contado el mayor.',
  'pub.b.assegno_di_inclusione.verify.separate_household':
    'Una mujer en un programa de protección forma un hogar propio, también para el ISEE, sin resolución del juez (regla introducida por la L. 85/2023; artículo y apartado no encontrados).',
  'pub.b.assegno_di_inclusione.verify.uncertain_minimum_yearly.20240101':
    'El mínimo de 480 € al año viene de dos fuentes no oficiales; no hemos visto el artículo del DL 48/2023 que lo fija.',
  'pub.b.assegno_di_inclusione.verify.vehicles':
    'Nadie del hogar puede tener coches o motos matriculados hace poco o de gran cilindrada, ni barcos o embarcaciones de recreo.',
  'pub.b.assegno_maternita_comuni.verify.adoption_entry':
    'Para un hijo adoptado o en acogida preadoptiva cuenta la fecha de llegada a la familia, no la de nacimiento.',
  'pub.b.assegno_maternita_comuni.verify.isee_minorenni_differs':
    'El ISEE ordinario no basta para excluirte: cuenta el ISEE para los hijos menores, que puede ser distinto (para las madres que sigue un centro antiviolencia puede dejar fuera al progenitor alejado de casa o sin responsabilidad parental).',
  'pub.b.assegno_maternita_comuni.verify.permit_type':
    'Tu permiso de residencia debe ser un permiso único de trabajo o de investigación (u otro documento equivalente).',
  'pub.b.assegno_maternita_comuni.verify.uncertain_isee_max.20220101':
    'El umbral ISEE para los nacimientos de 2022 se ha calculado a partir del valor de 2023 (19.185,13 € ÷ 1,081): no se ha leído la circular del INPS de 2022.',
  'pub.b.assegno_maternita_comuni.verify.uncertain_monthly.20220101':
    'El importe para los nacimientos de 2022 se ha calculado a partir del valor de 2023 (383,46 € ÷ 1,081): no se ha leído la circular del INPS de 2022.',
  'pub.b.assegno_maternita_stato.verify.adoption_entry':
    'Para un hijo adoptado o en acogida preadoptiva cuenta la fecha de llegada a la familia, no la de nacimiento.',
  'pub.b.assegno_maternita_stato.verify.contributions':
    'Hacen falta al menos 3 meses de cotizaciones por maternidad entre el mes 18 y el mes 9 antes del nacimiento; o bien haber perdido, en los 9 meses antes del nacimiento, una prestación ligada al trabajo después de al menos 3 meses de cotizaciones; o bien haber dimitido durante el embarazo con esos mismos 3 meses.',
  'pub.b.assegno_maternita_stato.verify.no_isee':
    'Parece que este subsidio no tiene umbral ISEE (todavía no confirmado en el acto del INPS).',
  'pub.b.assegno_maternita_stato.verify.permit_type':
    'Tu permiso de residencia debe dar igualdad de trato (permiso único de trabajo o de investigación, art. 41 c. 1-ter D.Lgs. 286/1998).',
  'pub.b.assegno_maternita_stato.verify.uncertain_amount.20220101':
    'El importe de 2022 solo se ha leído en una página no oficial que cita al INPS; no se ha leído el acto del INPS.',
  'pub.b.assegno_maternita_stato.verify.uncertain_amount.20230101':
    'El importe de 2023 es calculado (2.183,77 € × 1,081): no se ha encontrado el acto del INPS.',
  'pub.b.assegno_maternita_stato.verify.uncertain_amount.20240101':
    'El importe de 2024 solo se ha leído en páginas no oficiales poco fiables (coincide con 2.360,66 € × 1,054): no se ha leído el acto del INPS.',
  'pub.b.assegno_maternita_stato.verify.uncertain_amount.20250101':
    'El importe de 2025 se ha leído en una página no oficial que cita la circular del INPS (2.508,04 €; con el valor de 2024 redondeado saldría 2.508,05 €).',
  'pub.b.assegno_maternita_stato.verify.uncertain_amount.20260101':
    'El importe de 2026 es calculado (2.508,04 € × 1,014): no se ha encontrado el acto del INPS de 2026.',
  'pub.b.assegno_sociale.verify.eu_family':
    'Para los familiares de ciudadanos de la UE con tarjeta de residencia, el derecho lo tiene que confirmar el INPS.',
  'pub.b.assegno_sociale.verify.milione':
    'A partir de los {age} años puede corresponderte el «incremento al milione» (importe no calculado aquí).',
  'pub.b.assegno_sociale.verify.uncertain_annual_amount.20230101':
    'Valor provisional de 2023 tomado de fuentes no oficiales (503,27 € al mes); la revalorización definitiva de 2023 (+8,1 %) se regularizó en 2024: el importe hay que comprobarlo en la circular del INPS.',
  'pub.b.assegno_unico.verify.age_1_3':
    'No está claro si el aumento del 50 % para los hijos de 1 a 3 años (hogares con al menos 3 hijos) vale también en el año del tercer cumpleaños; aquí se aplica.',
  'pub.b.assegno_unico.verify.band_edge':
    'Tu ISEE está a menos de 1 € de un límite de tramo; los límites se calculan con la regla de revalorización (no se ha leído el Allegato 1 del INPS).',
  'pub.b.assegno_unico.verify.contract_6m':
    'Hace falta un contrato de trabajo indefinido o de al menos 6 meses (si llevas menos de 2 años empadronada en Italia).',
  'pub.b.assegno_unico.verify.count_1_3':
    'Para el aumento de los hijos de 1 a 3 años, los hijos se cuentan como para los demás aumentos (todos los hijos del hogar ISEE); no está dicho de forma expresa.',
  'pub.b.assegno_unico.verify.infringement':
    'El requisito de 2 años de residencia es objeto de un procedimiento de infracción de la UE (dictamen motivado del 16/11/2023).',
  'pub.b.assegno_unico.verify.irpef': 'Debes pagar el impuesto sobre la renta (IRPEF) en Italia.',
  'pub.b.assegno_unico.verify.payment_100':
    'El pago del 100 % a la madre requiere la custodia exclusiva o una resolución del juez (si no, 50 % para cada progenitor, si se pide).',
  'pub.b.assegno_unico.verify.permit_kind':
    'Tu permiso de residencia debe ser un permiso único de trabajo o de investigación de más de 6 meses.',
  'pub.b.assegno_unico.verify.protection':
    'Para las refugiadas y las titulares de protección subsidiaria o especial, las fuentes consultadas no confirman el requisito de nacionalidad.',
  'pub.b.assegno_unico.verify.table_2026':
    'Los importes de 2026 de los aumentos se calculan con el índice del 1,4 % (no se ha leído la tabla de la circ. INPS 7/2026).',
  'pub.b.assegno_unico.verify.transitional':
    'Aumento transitorio (art. 5) para los hogares con ISEE de hasta 25.000 € que cobraban el assegno al nucleo familiare (ayuda familiar), terminado en febrero de 2025.',
  'pub.b.bonus_asilo_nido.verify.home_support':
    'Si el niño no puede ir a la guardería por una enfermedad crónica grave, corresponde la ayuda para el apoyo en casa (certificado del pediatra): por comprobar.',
  'pub.b.bonus_asilo_nido.verify.permit_type':
    'Tipo de permiso: debe ser un permiso único de trabajo, de investigación, de trabajo autónomo, una Tarjeta azul u otro documento de la lista de la circular.',
  'pub.b.bonus_asilo_nido.verify.turned_three':
    'Un hijo cumplió 3 años el {birthday}; por los meses de guardería del año antes del cumpleaños todavía puede corresponder el reembolso.',
  'pub.b.bonus_nuovi_nati.verify.adoption_entry':
    'Para un hijo adoptado o en acogida preadoptiva cuenta la fecha de llegada a la familia, no la de nacimiento.',
  'pub.b.bonus_nuovi_nati.verify.isee_minorenni_differs':
    'El ISEE ordinario no basta para excluirte: cuenta el ISEE para los hijos menores, que puede ser distinto (para las madres que sigue un centro antiviolencia puede dejar fuera al progenitor alejado de casa o sin responsabilidad parental).',
  'pub.b.bonus_nuovi_nati.verify.permit_type':
    'Un permiso de menos de un año solo vale si es un permiso único de trabajo o de investigación.',
  'pub.b.carta_dedicata_a_te.verify.anagrafe':
    'Todas las personas del hogar deben estar inscritas en el Anagrafe (padrón) del municipio de residencia.',
  'pub.b.carta_dedicata_a_te.verify.budget':
    'Cada municipio recibe un número limitado de tarjetas, que se dan según la clasificación.',
  'pub.b.carta_dedicata_a_te.verify.doubtful_support':
    'No está claro si {what} impide recibir la tarjeta («otra medida de apoyo»).',
  'pub.b.carta_dedicata_a_te.verify.ranking_boundary':
    'Una persona del hogar nació en el año límite ({year}) y no está claro en qué grupo entra.',
  'pub.b.carta_dedicata_a_te.verify.uncertain_amount.20260101':
    'Importe de 2026: no se ha leído el decreto de aplicación de 2026; se supone el importe de 2025 (500 €).',
  'pub.b.carta_dedicata_a_te.verify.uncertain_isee_max.20260101':
    'Umbral ISEE de 2026: no se ha leído el decreto de aplicación de 2026; se supone el umbral de 2025 (15.000 €).',
  'pub.b.carta_dedicata_a_te.verify.uncertain_min_members.20260101':
    'Requisitos de 2026: la ley de presupuestos de 2026 vuelve a financiar la tarjeta, pero no se ha leído el decreto de aplicación de 2026; se suponen los requisitos de 2025.',
  'pub.b.carta_dedicata_a_te.verify.uncertain_priority1_born_after.20260101':
    'Fechas de la clasificación de 2026 tomadas de los años anteriores (nacidos después del 31/12/2012, luego después del 31/12/2008): no se ha leído el decreto de 2026.',
  'pub.b.carta_dedicata_a_te.verify.uncertain_priority2_born_after.20230101':
    'Fecha del segundo grupo de prioridad de 2023 (nacidos después del 31/12/2005) tomada de los años siguientes.',
  'pub.b.carta_dedicata_a_te.verify.uncertain_priority2_born_after.20260101':
    'Fechas de la clasificación de 2026 tomadas de los años anteriores (nacidos después del 31/12/2012, luego después del 31/12/2008): no se ha leído el decreto de 2026.',
  'pub.b.congedo_violenza.verify.part_time':
    'Derecho a pasar a tiempo parcial si lo pides (no se ha vuelto a leer el texto del art. 24 después del apartado 4).',
  'pub.b.congedo_violenza.verify.self_employed_amount':
    'No se ha encontrado en los actos del INPS el valor en euros de la indemnización diaria de las trabajadoras autónomas para 2025 y 2026.',
  'pub.b.esonero_assunzione.verify.did':
    'Debes haber hecho la declaración de disponibilidad inmediata para trabajar (DID) antes de la contratación.',
  'pub.b.esonero_assunzione.verify.employer':
    'El empleador debe ser privado y la contratación indefinida, temporal (también por agencia) o una conversión a indefinida.',
  'pub.b.esonero_assunzione.verify.funds':
    'La exención se reconoce dentro de los fondos previstos para cada año.',
  'pub.b.esonero_assunzione.verify.rdl_2023':
    'Si recibiste el Reddito di Libertà en 2023, la exención vale aunque ahora no lo recibas.',
  'pub.b.naspi.verify.consensual_procedure':
    'Si la extinción de mutuo acuerdo se hizo en el procedimiento del art. 7 L. 604/1966 (o porque rechazaste un traslado a más de 50 km), te corresponde la NASpI.',
  'pub.b.naspi.verify.previous_resignation':
    'Si en los 12 meses antes de perder este trabajo dimitiste voluntariamente de otro empleo, las 13 semanas deben haberse acumulado después de esa dimisión.',
  'pub.b.naspi.verify.violence_outside_work':
    'Dimitir para escapar de la violencia fuera del trabajo no está entre las «justas causas» que reconoce el INPS; en 2024 el INPS negó la NASpI a una víctima de acoso (stalking). Mira también el permiso para víctimas de violencia y el ADI o el Reddito di Libertà.',
  'pub.b.naspi.verify.working_now':
    'Con un nuevo trabajo, la NASpI se suspende o se reduce según los ingresos (arts. 9 y 10 D.Lgs. 22/2015).',
  'pub.b.orfani_crimini_domestici.verify.domestic_crime':
    'El progenitor fue asesinado por su cónyuge (también separado o divorciado), por su pareja de unión civil o por su pareja de convivencia.',
  'pub.b.orfani_crimini_domestici.verify.inps_credits':
    'Para 2020–2022, lo que el autor (ya fallecido) debe al Estado y al INPS no se cobra sobre los bienes que heredan los hijos; para los años siguientes la norma no se ha comprobado.',
  'pub.b.orfani_crimini_domestici.verify.self_sufficient':
    'Los hijos mayores de edad solo cuentan si no son económicamente independientes.',
  'pub.b.reddito_di_liberta.verify.funding_2026':
    'Fondos de 2026 (10 M€ de la L. 213/2023, 1 M€ de la L. 207/2024 y el aumento previsto por el proyecto de la L. 199/2025, cuyo último apartado no se ha visto).',
  'pub.b.reddito_di_liberta.verify.isee_document':
    'Algunas fuentes ponen el ISEE entre los documentos, pero no está entre los requisitos oficiales.',
  'pub.b.reddito_di_liberta.verify.regional_budget':
    'La Región debe tener todavía fondos: las solicitudes se aceptan por orden de llegada hasta que se acaba el presupuesto de la Región.',
  'pub.b.reddito_di_liberta.verify.transition_2025':
    'Desde el 5/3/2025 hasta la apertura de las nuevas solicitudes ({from}) solo se podían volver a presentar las solicitudes rechazadas por falta de fondos.',
  'pub.b.reddito_di_liberta.verify.uncertain_monthly_max.20251228':
    'Importe de 530 € según el Decreto 17/9/2025 (GU 13/12/2025); no se han encontrado la fecha de inicio (aquí se supone el 28/12/2025, 15 días después de la publicación) ni las instrucciones del INPS.',
  'pub.b.supporto_formazione_lavoro.verify.adi_check':
    'Si tienes una discapacidad, cargas de cuidado o eres víctima de violencia seguida por los servicios sociales (DM 154/2023 art. 5) y tu hogar cumple los requisitos del ADI, te corresponde el ADI y no el Supporto.',
  'pub.b.supporto_formazione_lavoro.verify.consensual':
    'La extinción de mutuo acuerdo se acepta si se hizo en el procedimiento del art. 7 L. 604/1966.',
  'pub.b.supporto_formazione_lavoro.verify.resignation_violence':
    'Dimitir para escapar de la violencia fuera del trabajo no está en la lista de «justas causas» del INPS.',
  'pub.b.supporto_formazione_lavoro.verify.unemployment_benefit':
    'Alguien del hogar cobra la NASpI o la DIS-COLL; si eres tú, el Supporto no se suma a esa ayuda.',
};
