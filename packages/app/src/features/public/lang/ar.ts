import type { Messages } from '../../../platform/i18n/index.ts';

// العربية الفصحى البسيطة، بصيغة المخاطبة المؤنثة، وجمل قصيرة.
export const ar: Messages = {
  'pub.start.heading': 'اعرفي ما المساعدات التي يمكنك الحصول عليها',
  'pub.start.intro':
    'أجيبي عن بعض الأسئلة البسيطة، سؤالاً بعد سؤال. في النهاية ترين المساعدات التي قد تحق لك من INPS ومن البلدية، وقيمتها، وما يجب تحضيره، وإلى من تتوجهين.',
  'pub.start.safe':
    'الاستبيان مجهول الهوية: لا نسأل عن اسمك، ولا نحفظ إجاباتك، ولا نستعمل ملفات تعريف الارتباط (كوكيز). إجاباتك لا تظهر أبداً في عنوان الصفحة.',
  'pub.start.unknown': 'إذا كنت لا تعرفين الإجابة، اختاري «لا أعرف»: لا مشكلة في ذلك.',
  'pub.start.exit':
    'إذا اقترب منك أحد، اضغطي «اخرجي الآن» في الأعلى أو اضغطي مفتاح Shift ثلاث مرات: تُفتح صفحة محايدة.',
  'pub.start.lang': 'اختاري لغتك وابدئي',
  'pub.start.begin': 'ابدئي بالعربية',
  'pub.start.centres': 'ابحثي عن مركز لمناهضة العنف قريب منك',
  'pub.norules.heading': 'التحقق من الحقوق غير متاح في الوقت الحالي',
  'pub.norules.text':
    'القواعد التي يعتمد عليها التحقق لم تُحدَّث بعد لتاريخ اليوم، لذلك لا يمكنه أن يخبرك بشكل موثوق بالمساعدات التي تستحقينها. سيعود متاحًا فور تحديث القواعد.',
  'pub.norules.help':
    'في هذه الأثناء يمكن لمركز مناهضة العنف أو للمعهد الوطني للضمان الاجتماعي (INPS) مراجعة وضعك معك مجانًا. الرقم 1522 يجيب مجانًا على مدار 24 ساعة، وبلغات أخرى أيضًا.',
  'pub.step.count': 'السؤال {n}',
  'pub.step.next': 'متابعة',
  'pub.step.back': 'رجوع',
  'pub.step.safe': 'إجاباتك لا تُحفظ.',
  'pub.unknown': 'لا أعرف',
  'pub.yes': 'نعم',
  'pub.no': 'لا',
  'pub.date.hint': 'مثلاً 15/03/1990 (اليوم/الشهر/السنة)',
  'pub.amount.value': 'أعرف المبلغ',
  'pub.amount.input': 'المبلغ باليورو',
  'pub.amount.hint': 'مثلاً 15000 أو 15000,50',
  'pub.errors.title': 'راجعي هذه الإجابات',
  'pub.err.choose': 'اختاري إحدى الإجابات',
  'pub.err.date.required': 'اكتبي التاريخ، مثلاً 15/03/1990',
  'pub.err.date': 'هذا التاريخ غير موجود: اكتبيه بالشكل يوم/شهر/سنة، مثلاً 15/03/1990',
  'pub.err.date.future': 'لا يمكن أن يكون التاريخ في المستقبل',
  'pub.err.date.old': 'تحققي من السنة: هذا التاريخ قبل أكثر من 120 سنة',
  'pub.err.number.orUnknown': 'اكتبي رقماً أو اختاري «لا أعرف»',
  'pub.err.number.required': 'اكتبي رقماً',
  'pub.err.number': 'اكتبي رقماً فقط، مثلاً 3',
  'pub.err.range': 'اكتبي رقماً بين {min} و{max}',
  'pub.err.amount.required': 'اكتبي المبلغ باليورو أو اختاري إجابة أخرى',
  'pub.err.amount': 'اكتبي المبلغ بالأرقام فقط، مثلاً 15000 أو 15000,50',
  'pub.err.text.long': 'النص طويل جداً (100 حرف على الأكثر)',
  'pub.err.text.required': 'اكتبي إجابة',
  'pub.q.victim': 'هل تعرضت للعنف من شريك أو شريك سابق أو أحد أفراد العائلة؟',
  'pub.q.victim.hint': 'عنف جسدي أو نفسي أو اقتصادي أو جنسي، حتى لو كان في الماضي.',
  'pub.q.cav': 'هل يتابعك مركز لمناهضة العنف؟',
  'pub.q.cav.hint': 'مركز معترف به من الإقليم، يستطيع أن يشهد بذلك كتابياً.',
  'pub.q.socialServices': 'هل تتابعك الخدمات الاجتماعية في بلديتك؟',
  'pub.q.socialServices.hint': 'مثلاً مساعدة اجتماعية تعرف وضعك.',
  'pub.q.stateOfNeed': 'هل اعترفت الخدمات الاجتماعية بأنك بحاجة عاجلة إلى المال؟',
  'pub.q.stateOfNeed.hint': 'عادةً تكتب المساعدة الاجتماعية ذلك في إفادة.',
  'pub.q.shelter': 'هل تعيشين الآن في دار إيواء؟',
  'pub.q.shelter.hint': 'بيت محمي تُستقبل فيه النساء عن طريق مركز لمناهضة العنف.',
  'pub.q.pathStart': 'منذ متى بدأ مسار حمايتك؟',
  'pub.q.pathStart.hint':
    'اليوم الذي بدأ فيه المركز أو الخدمات بمتابعتك. إذا كنت لا تعرفينه، اتركي الخانة فارغة.',
  'pub.q.sex': 'هل أنت امرأة؟',
  'pub.q.birthDate': 'ما تاريخ ميلادك؟',
  'pub.q.citizenship': 'ما جنسيتك؟',
  'pub.q.permitMonths': 'كم شهراً صلاحية تصريح إقامتك؟',
  'pub.q.permitMonths.hint': 'المدة المكتوبة على التصريح، بالأشهر (مثلاً 24).',
  'pub.q.residenceYears': 'منذ كم سنة أنت مقيمة في إيطاليا؟',
  'pub.q.residenceYears.hint': 'في المجموع، حتى مع الانقطاعات. اكتبي 0 إذا كانت أقل من سنة.',
  'pub.q.residenceContinuousYears': 'من هذه السنوات، كم سنة بدون انقطاع حتى اليوم؟',
  'pub.q.household': 'من يعيش معك؟',
  'pub.q.birthDates': 'متى وُلد الأشخاص الذين يعيشون معك؟',
  'pub.q.memberDisability': 'هل لدى أحد الأشخاص الذين يعيشون معك إعاقة معترف بها؟',
  'pub.q.inEducation':
    'هل يدرس أولادك الذين أعمارهم بين 18 و20 سنة، أو يتابعون دورة أو تدريباً، أو هم مسجلون في مركز التوظيف؟',
  'pub.q.nursery': 'هل يذهب أطفالك إلى الحضانة؟',
  'pub.q.earnsFromWork': 'من بين الأشخاص الذين يعيشون معك، من يكسب المال من العمل؟',
  'pub.q.isee': 'ما قيمة مؤشر ISEE الخاص بك؟',
  'pub.q.isee.hint': 'تجدينها في شهادة ISEE السارية. يقدمها لك CAF أو الباتروناتو مجاناً.',
  'pub.q.isee.none': 'ليس لدي ISEE صالح',
  'pub.q.iseeMinorenni': 'ما قيمة مؤشر ISEE الخاص بالأولاد القاصرين؟',
  'pub.q.iseeMinorenni.hint': 'إذا كانت نفس قيمة ISEE العادي، اكتبي القيمة نفسها.',
  'pub.q.iseeMinorenni.none': 'ليس لدي ISEE للقاصرين',
  'pub.q.iseeScale': 'ما هو مقياس التكافؤ المكتوب في ISEE الخاص بك؟',
  'pub.q.iseeScale.hint': 'رقم مثل 1,57: مكتوب في شهادة ISEE.',
  'pub.q.familyIncome': 'كم تكسب عائلتك كلها في السنة؟',
  'pub.q.familyIncome.hint': 'دخل العائلة المذكور في ISEE، باليورو في السنة.',
  'pub.q.familyIncome.none': 'لا دخل',
  'pub.q.rentAnnual': 'كم تدفعين إيجاراً في السنة؟',
  'pub.q.rentAnnual.hint': 'فقط إذا كان لديك عقد إيجار مسجل.',
  'pub.q.rentAnnual.none': 'لا أدفع إيجاراً',
  'pub.q.movableAssets': 'كم لدى عائلتك من المدخرات؟',
  'pub.q.movableAssets.hint': 'حسابات، دفاتر توفير، أسهم وسندات: الممتلكات المنقولة في ISEE.',
  'pub.q.movableAssets.none': 'لا مدخرات',
  'pub.q.realEstate': 'كم قيمة البيوت أو الأراضي التي تملكينها، غير البيت الذي تسكنين فيه؟',
  'pub.q.realEstate.hint': 'الممتلكات العقارية في ISEE، بدون البيت الذي تسكنين فيه.',
  'pub.q.realEstate.none': 'لا عقارات أخرى',
  'pub.q.auuAnnual': 'كم حصلتم من «الإعانة الموحدة» للأولاد في سنة ISEE؟',
  'pub.q.auuAnnual.hint': 'باليورو، في السنة كلها.',
  'pub.q.auuAnnual.none': 'لم نحصل عليها',
  'pub.q.bothParentsWork': 'هل تعملين أنت والوالد الآخر كلاكما؟',
  'pub.q.bothParentsWork.hint': 'إذا كنت تربين أولادك وحدك، أجيبي نعم إذا كان لديك دخل من العمل.',
  'pub.q.work': 'ما وضعك في العمل؟',
  'pub.q.disability': 'هل لديك إعاقة معترف بها؟',
  'pub.q.training': 'هل تشاركين في دورة تدريبية أو في مشروع لإيجاد عمل؟',
  'pub.q.training.hint': 'مثلاً دورة من مركز التوظيف.',
  'pub.q.married': 'هل أنت متزوجة؟',
  'pub.q.married.hint': 'يُحسب الزواج ما دام لم يُفسخ، حتى لو كنتما تعيشان منفصلين.',
  'pub.q.income': 'كم تكسبين أنت في السنة؟',
  'pub.q.income.hint': 'دخلك الشخصي، باليورو في السنة.',
  'pub.q.income.none': 'لا دخل',
  'pub.q.coupleIncome': 'كم تكسبان معاً في السنة، أنت وزوجك؟',
  'pub.q.coupleIncome.hint': 'باليورو في السنة.',
  'pub.q.coupleIncome.none': 'لا دخل',
  'pub.q.maternityPay': 'كم حصلت من تعويض الأمومة عن آخر ولادة؟',
  'pub.q.maternityPay.hint': 'في المجموع، باليورو.',
  'pub.q.maternityPay.none': 'لا شيء',
  'pub.q.congedoDaysUsed': 'كم يوماً من إجازة ضحايا العنف استعملت حتى الآن؟',
  'pub.q.endReason': 'لماذا انتهى عملك الأخير؟',
  'pub.q.endDate': 'متى انتهى عملك الأخير؟',
  'pub.q.endDate.hint': 'إذا كنت لا تتذكرين اليوم، اتركي الخانة فارغة.',
  'pub.q.contributionWeeks4y': 'كم أسبوعاً عملت مع دفع الاشتراكات في السنوات الأربع الأخيرة؟',
  'pub.q.contributionWeeks4y.hint': 'تجدين ذلك في كشف الاشتراكات من INPS. السنة الكاملة 52 أسبوعاً.',
  'pub.q.monthlyReferencePay': 'كم كنت تكسبين في الشهر، قبل الضرائب، في عملك الأخير؟',
  'pub.q.monthlyReferencePay.hint': 'باليورو في الشهر، قبل الضرائب.',
  'pub.q.comune': 'في أي بلدية تعيشين؟',
  'pub.q.comune.hint': 'فقط لنريك أقرب مركز لمناهضة العنف. يمكنك ترك الخانة فارغة.',
  'pub.f.children': 'كم ولداً يعيش معك؟',
  'pub.f.children.hint': 'اكتبي 0 إذا لم يكن هناك أحد.',
  'pub.f.partner': 'هل يعيش معك زوج أو زوجة أو شريك أو شريكة؟',
  'pub.f.others': 'كم شخصاً آخر يعيش معك؟',
  'pub.f.others.hint': 'مثلاً والداك أو أقارب آخرون. اكتبي 0 إذا لم يكن هناك أحد.',
  'pub.member.child': 'الابن أو الابنة {n}',
  'pub.member.partner': 'الزوج أو الزوجة أو الشريك أو الشريكة',
  'pub.member.other': 'شخص آخر {n}',
  'pub.o.citizenship.it': 'إيطالية',
  'pub.o.citizenship.eu': 'من بلد آخر في الاتحاد الأوروبي',
  'pub.o.citizenship.eu_family': 'من عائلة مواطن أو مواطنة من الاتحاد الأوروبي، مع بطاقة إقامة',
  'pub.o.citizenship.non_eu_long_term': 'من خارج الاتحاد الأوروبي، مع إقامة طويلة الأمد',
  'pub.o.citizenship.non_eu_permit': 'من خارج الاتحاد الأوروبي، مع تصريح إقامة آخر (أو إيصال التجديد)',
  'pub.o.citizenship.refugee': 'لاجئة (لجوء سياسي)',
  'pub.o.citizenship.subsidiary_protection': 'مع حماية فرعية',
  'pub.o.citizenship.special_protection': 'مع حماية خاصة',
  'pub.o.citizenship.none': 'بدون تصريح إقامة',
  'pub.o.disability.none': 'لا',
  'pub.o.disability.medium': 'نعم، إعاقة متوسطة',
  'pub.o.disability.severe': 'نعم، إعاقة شديدة',
  'pub.o.disability.non_self_sufficient': 'نعم، غير قادرة على الاعتماد على نفسها',
  'pub.o.work.employee_private': 'أعمل موظفة في شركة خاصة',
  'pub.o.work.employee_public': 'أعمل موظفة في القطاع العام',
  'pub.o.work.domestic': 'أعمل في البيوت أو في رعاية المسنين أو الأطفال',
  'pub.o.work.self_employed': 'أعمل لحسابي الخاص',
  'pub.o.work.parasubordinate': 'لدي عقد تعاون',
  'pub.o.work.unemployed': 'لا أعمل وأبحث عن عمل',
  'pub.o.work.inactive': 'لا أعمل ولا أبحث عن عمل',
  'pub.o.work.student': 'أدرس',
  'pub.o.work.retired': 'متقاعدة',
  'pub.o.endReason.dismissal': 'طُردت من العمل',
  'pub.o.endReason.contract_end': 'انتهى عقدي المحدد المدة',
  'pub.o.endReason.resignation': 'استقلت',
  'pub.o.endReason.resignation_just_cause': 'استقلت بسبب صاحب العمل (أجور غير مدفوعة، تحرش)',
  'pub.o.endReason.resignation_violence': 'استقلت للهروب من العنف',
  'pub.o.endReason.consensual': 'اتفقنا على إنهاء العمل',
  'pub.result.heading': 'ما قد يحق لك',
  'pub.result.intro':
    'هذه النتيجة للتوجيه فقط: تعتمد على إجاباتك وعلى القواعد المعمول بها اليوم. الطلب الحقيقي يُقدَّم إلى INPS أو إلى البلدية. مركز مناهضة العنف وINPS يساعدانك مجاناً.',
  'pub.result.eligible': 'يحق لك على الأرجح',
  'pub.result.undetermined': 'يجب التحقق',
  'pub.result.undetermined.intro': 'قد يحق لك: نحتاج إلى بعض المعلومات الإضافية.',
  'pub.result.notEligible': 'لا يبدو أنه يحق لك الآن',
  'pub.result.info': 'من المفيد أن تعرفي',
  'pub.result.none':
    'بناءً على إجاباتك لم نجد مساعدة تحق لك بالتأكيد. يستطيع مركز مناهضة العنف وINPS دراسة وضعك معك.',
  'pub.result.amount': 'كم',
  'pub.result.open': 'لنعرف ذلك نحتاج إلى هذه المعلومات:',
  'pub.result.verify': 'للتحقق مع مركز مناهضة العنف أو INPS:',
  'pub.result.verify.generic': 'بعض القواعد غير مؤكدة بعد: تحققي منها مع مركز مناهضة العنف أو INPS.',
  'pub.result.documents': 'ما يجب تحضيره',
  'pub.result.who': 'من يقدم الطلب',
  'pub.result.channel': 'أين وكيف',
  'pub.result.deadline': 'حتى متى',
  'pub.amt.monthly': '{eur} في الشهر',
  'pub.amt.months': 'لمدة {n} شهراً',
  'pub.amt.total': 'حتى {eur} في المجموع',
  'pub.amt.yearly': '{eur} في السنة',
  'pub.amt.once': '{eur} مرة واحدة',
  'pub.amt.days': 'ما زال لديك {n} يوماً من الإجازة',
  'pub.amt.sep': '، ',
  'pub.amt.range': 'من {min} إلى {max}',
  'pub.help.heading': 'مساعدة مجانية',
  'pub.help.cav': 'مركز مناهضة العنف يستمع إليك، ويرافقك، ويساعدك على طلب هذه المساعدات. مجاناً وبسرية.',
  'pub.help.inps':
    'يساعدك INPS مجاناً، عبر مكاتب «Inps per tutti»، على تقديم الطلبات، حتى داخل مركز مناهضة العنف.',
  'pub.help.1522': 'يمكنك الاتصال بالرقم 1522، مجاناً، 24 ساعة في اليوم، وبلغات أخرى أيضاً.',
  'pub.near.heading': 'مراكز مناهضة العنف القريبة منك',
  'pub.near.notFound': 'لم نجد البلدية «{name}». ابحثي في قائمة المراكز.',
  'pub.near.none': 'ليس لدينا مركز في منطقتك. اتصلي بالرقم 1522: سيدلونك على أقرب مركز.',
  'pub.near.all': 'عرض كل مراكز مناهضة العنف',
  'pub.sheet.title': 'حقوقك: ورقة معلومات',
  'pub.sheet.date': 'نتيجة يوم {date}. هي للتوجيه فقط: الطلب الحقيقي يُقدَّم إلى INPS أو إلى البلدية.',
  'pub.sheet.download': 'تنزيل الورقة (PDF)',
  'pub.sheet.print': 'طباعة',
  'pub.sheet.none': 'ورقة PDF غير متوفرة بهذه اللغة: يمكنك طباعة الصفحة.',
  'pub.result.again': 'ابدئي من جديد',
  'pub.result.print': 'يمكنك طباعة هذه الصفحة. تذكري أن من يستعمل هذا الجهاز قد يراها.',
  'pub.centre.comune': 'البلدية',
  'pub.centre.phone': 'الهاتف',
  'pub.centre.hours': 'أوقات العمل',
  'pub.centre.website': 'الموقع الإلكتروني',
  'pub.dir.heading': 'مراكز مناهضة العنف',
  'pub.dir.intro':
    'تساعد مراكز مناهضة العنف النساء اللواتي يتعرضن للعنف، مجاناً وبسرية، وأيضاً في الطلبات إلى INPS.',
  'pub.dir.search': 'ابحثي حسب البلدية أو الاسم',
  'pub.dir.submit': 'بحث',
  'pub.dir.empty': 'لم نجد أي مركز. جربي بلدية أخرى أو اتصلي بالرقم 1522.',
  'pub.dir.count': 'عدد المراكز: {total}',
  'pub.dir.page': 'الصفحة {page} من {pages}',
  'pub.dir.prev': 'الصفحة السابقة',
  'pub.dir.next': 'الصفحة التالية',
  'pub.dir.pages': 'صفحات النتائج',
  'pub.dir.shelters':
    'دور الإيواء غير موجودة في القائمة، من أجل سلامة من يعيش فيها: يُوصل إليها عن طريق مركز لمناهضة العنف أو الرقم 1522.',

  // المساعدات بلغة بسيطة (الإيطالية والإنجليزية تأتيان من محرك القواعد).
  'pub.b.reddito_di_liberta.name': 'Reddito di Libertà (دخل الحرية)',
  'pub.b.reddito_di_liberta.desc':
    'مساعدة مالية للنساء ضحايا العنف اللواتي يتابعهن مركز لمناهضة العنف والخدمات الاجتماعية. تساعد في دفع السكن، والاستقلال، ودراسة الأولاد.',
  'pub.b.reddito_di_liberta.gather':
    'إفادة من مركز مناهضة العنف، وإفادة من الخدمات الاجتماعية، ووثيقة هوية (وتصريح الإقامة إذا كنت من خارج الاتحاد الأوروبي)، وحساب IBAN باسمك.',
  'pub.b.reddito_di_liberta.who': 'أنت، بمساعدة البلدية.',
  'pub.b.reddito_di_liberta.where': 'الخدمات الاجتماعية في البلدية ترسل الطلب إلى INPS.',
  'pub.b.reddito_di_liberta.when': 'في أي وقت من السنة، ما دامت أموال الإقليم متوفرة.',
  'pub.b.congedo_violenza.name': 'إجازة مدفوعة للنساء ضحايا العنف',
  'pub.b.congedo_violenza.desc':
    'حتى 3 أشهر من الإجازة المدفوعة للعاملات في مسار حماية. تُستعمل خلال 3 سنوات، ويمكن أخذها بالساعات.',
  'pub.b.congedo_violenza.gather':
    'شهادة مسار الحماية (من الخدمات الاجتماعية أو مركز مناهضة العنف أو دار الإيواء). إشعار مكتوب لصاحب العمل قبل 7 أيام على الأقل.',
  'pub.b.congedo_violenza.who': 'أنت، وحدك أو مع الباتروناتو. في القطاع العام تطلبينها من إدارتك.',
  'pub.b.congedo_violenza.where': 'خدمة INPS على الإنترنت (SPID، CIE)، أو الرقم 803 164، أو الباتروناتو.',
  'pub.b.congedo_violenza.when': 'قبل بداية الإجازة، وعلى الأكثر في يومها الأول.',
  'pub.b.assegno_di_inclusione.name': 'Assegno di Inclusione (إعانة الإدماج)',
  'pub.b.assegno_di_inclusione.desc':
    'مساعدة مالية كل شهر ومرافقة للعائلات ذات الدخل القليل. تشمل أيضاً النساء ضحايا العنف اللواتي تتابعهن الخدمات.',
  'pub.b.assegno_di_inclusione.gather':
    'ISEE صالح، وإفادة من مركز مناهضة العنف أو الخدمات الاجتماعية، وعقد الإيجار إذا كنت تدفعين إيجاراً، ووثيقة هوية.',
  'pub.b.assegno_di_inclusione.who': 'أحد أفراد العائلة، وحده أو مع الباتروناتو أو CAF.',
  'pub.b.assegno_di_inclusione.where': 'خدمة INPS على الإنترنت، أو الباتروناتو، أو CAF. ثم التسجيل في SIISL.',
  'pub.b.assegno_di_inclusione.when': 'في أي وقت. تستمر 18 شهراً ويمكن تجديدها.',
  'pub.b.supporto_formazione_lavoro.name': 'Supporto per la Formazione e il Lavoro (دعم التدريب والعمل)',
  'pub.b.supporto_formazione_lavoro.desc':
    'مساعدة مالية كل شهر للأشخاص بين 18 و59 سنة ذوي ISEE منخفض، الذين يتابعون دورة أو تدريباً أو مشروعاً لإيجاد عمل.',
  'pub.b.supporto_formazione_lavoro.gather':
    'ISEE صالح، والتسجيل في مركز التوظيف، وإثبات الدورة أو التدريب، ووثيقة هوية.',
  'pub.b.supporto_formazione_lavoro.who': 'أنت.',
  'pub.b.supporto_formazione_lavoro.where': 'خدمة INPS على الإنترنت أو الباتروناتو. ثم التسجيل في SIISL.',
  'pub.b.supporto_formazione_lavoro.when': 'في أي وقت. تُدفع خلال الدورة، حتى 12 شهراً.',
  'pub.b.assegno_unico.name': 'Assegno Unico (الإعانة الموحدة للأولاد)',
  'pub.b.assegno_unico.desc':
    'مساعدة مالية كل شهر عن كل ولد حتى عمر 21 سنة (بدون حد للعمر إذا كان لديه إعاقة). المبلغ يعتمد على ISEE.',
  'pub.b.assegno_unico.gather':
    'ISEE للقاصرين (بدون ISEE تحصلين على المبلغ الأدنى)، والرموز الضريبية للأولاد، وحساب IBAN.',
  'pub.b.assegno_unico.who': 'أحد الوالدين. الابن البالغ يستطيع أن يطلبها بنفسه.',
  'pub.b.assegno_unico.where': 'موقع INPS، أو الرقم 803 164، أو الباتروناتو.',
  'pub.b.assegno_unico.when': 'في أي وقت. يكفي طلب واحد للسنوات التالية.',
  'pub.b.naspi.name': 'NASpI (إعانة البطالة)',
  'pub.b.naspi.desc':
    'مساعدة مالية كل شهر للموظفات اللواتي فقدن عملهن بدون إرادتهن (فصل، نهاية العقد، استقالة لسبب عادل).',
  'pub.b.naspi.gather': 'رسالة الفصل أو إشعار نهاية العقد، وحساب IBAN باسمك.',
  'pub.b.naspi.who': 'أنت، وحدك أو مع الباتروناتو.',
  'pub.b.naspi.where': 'خدمة INPS على الإنترنت (SPID، CIE)، أو الرقم 803 164، أو الباتروناتو.',
  'pub.b.naspi.when': 'خلال 68 يوماً من نهاية العمل، وإلا يضيع الحق.',
  'pub.b.esonero_assunzione.name': 'إعفاء من الاشتراكات لمن يوظفك',
  'pub.b.esonero_assunzione.desc':
    'صاحب العمل الخاص الذي يوظفك بين 2024 و2026 لا يدفع الاشتراكات، حتى 8000 يورو في السنة. هذه نقطة لصالحك عند البحث عن عمل.',
  'pub.b.esonero_assunzione.gather':
    'لك: التسجيل في مركز التوظيف قبل التوظيف، وإثبات أنك تحصلين على Reddito di Libertà.',
  'pub.b.esonero_assunzione.who': 'صاحب العمل الذي يوظفك.',
  'pub.b.esonero_assunzione.where': 'خدمة INPS على الإنترنت لأصحاب العمل.',
  'pub.b.esonero_assunzione.when': 'للتوظيف من 1 يناير 2024 حتى 31 ديسمبر 2026.',
  'pub.b.assegno_sociale.name': 'Assegno sociale (الإعانة الاجتماعية لكبار السن)',
  'pub.b.assegno_sociale.desc':
    'مساعدة مالية للأشخاص الذين أعمارهم 67 سنة أو أكثر ودخلهم منخفض، حتى بدون اشتراكات.',
  'pub.b.assegno_sociale.gather':
    'دخلك (ودخل زوجك إذا كنت متزوجة)، ووثيقة هوية، وإثبات 10 سنوات من الإقامة في إيطاليا، وحساب IBAN.',
  'pub.b.assegno_sociale.who': 'أنت، وحدك أو مع الباتروناتو.',
  'pub.b.assegno_sociale.where': 'خدمة INPS على الإنترنت، أو الرقم 803 164، أو الباتروناتو.',
  'pub.b.assegno_sociale.when': 'في أي وقت بعد بلوغ 67 سنة.',
  'pub.b.bonus_asilo_nido.name': 'مكافأة الحضانة (bonus asilo nido)',
  'pub.b.bonus_asilo_nido.desc': 'استرداد رسوم الحضانة للأطفال دون 3 سنوات. المبلغ يعتمد على ISEE للقاصرين.',
  'pub.b.bonus_asilo_nido.gather': 'ISEE للقاصرين، وإيصالات الرسوم المدفوعة، وحساب IBAN.',
  'pub.b.bonus_asilo_nido.who': 'الوالد أو الوالدة التي تدفع الحضانة.',
  'pub.b.bonus_asilo_nido.where': 'موقع INPS أو تطبيقه، أو الرقم 803 164، أو الباتروناتو.',
  'pub.b.bonus_asilo_nido.when': 'حتى 31 ديسمبر من سنة الحضانة.',
  'pub.b.bonus_nuovi_nati.name': 'مكافأة المواليد (bonus nuovi nati)',
  'pub.b.bonus_nuovi_nati.desc':
    '1000 يورو مرة واحدة عن كل طفل وُلد أو تُبني منذ 2025، مع ISEE للقاصرين حتى 40000 يورو.',
  'pub.b.bonus_nuovi_nati.gather': 'ISEE للقاصرين، والرمز الضريبي للطفل، وحساب IBAN.',
  'pub.b.bonus_nuovi_nati.who': 'أحد الوالدين: الذي يعيش مع الطفل.',
  'pub.b.bonus_nuovi_nati.where': 'موقع INPS أو تطبيقه، أو الرقم 803 164، أو الباتروناتو.',
  'pub.b.bonus_nuovi_nati.when': 'خلال 120 يوماً من الولادة أو من وصول الطفل إلى العائلة.',
  'pub.b.carta_dedicata_a_te.name': 'بطاقة «Dedicata a te» (بطاقة للتسوق)',
  'pub.b.carta_dedicata_a_te.desc':
    'بطاقة مسبقة الدفع لشراء الطعام، للعائلات المكونة من 3 أشخاص على الأقل، مع ISEE حتى 15000 يورو وبدون مساعدات أخرى.',
  'pub.b.carta_dedicata_a_te.gather': 'ISEE صالح. لا يوجد طلب لتقديمه.',
  'pub.b.carta_dedicata_a_te.who': 'لا أحد: INPS يختار العائلات والبلدية تبلغها.',
  'pub.b.carta_dedicata_a_te.where': 'تُستلم البطاقة من مكتب البريد.',
  'pub.b.carta_dedicata_a_te.when': 'يجب القيام بأول عملية شراء قبل الموعد المحدد كل سنة.',
  'pub.b.assegno_maternita_comuni.name': 'إعانة الأمومة من البلدية',
  'pub.b.assegno_maternita_comuni.desc':
    'مساعدة عن كل طفل وُلد أو تُبني، للأمهات بدون تعويض أمومة (أو بتعويض صغير) ومع ISEE منخفض.',
  'pub.b.assegno_maternita_comuni.gather': 'ISEE صالح، ووثيقة هوية، وحساب IBAN.',
  'pub.b.assegno_maternita_comuni.who': 'الأم.',
  'pub.b.assegno_maternita_comuni.where': 'الخدمات الاجتماعية في البلدية. INPS يدفع المساعدة.',
  'pub.b.assegno_maternita_comuni.when': 'خلال 6 أشهر من الولادة أو من وصول الطفل.',
  'pub.b.assegno_maternita_stato.name': 'إعانة الأمومة من الدولة',
  'pub.b.assegno_maternita_stato.desc':
    'مساعدة من INPS للأمهات ذوات العمل المتقطع (3 أشهر من الاشتراكات على الأقل) بدون تعويض أمومة، أو بتعويض صغير.',
  'pub.b.assegno_maternita_stato.gather': 'وثيقة هوية، وفترات عملك، وحساب IBAN.',
  'pub.b.assegno_maternita_stato.who': 'الأم.',
  'pub.b.assegno_maternita_stato.where': 'خدمة INPS على الإنترنت، أو الرقم 803 164، أو الباتروناتو.',
  'pub.b.assegno_maternita_stato.when': 'خلال 6 أشهر من الولادة أو من وصول الطفل.',
  'pub.b.orfani_crimini_domestici.name': 'أيتام الجرائم العائلية',
  'pub.b.orfani_crimini_domestici.desc':
    'حماية لأولاد شخص قتله زوجه أو شريكه: معاش للأولاد، ومحامٍ مجاني، وصندوق للأيتام.',
  'pub.b.orfani_crimini_domestici.gather': 'يستطيع مركز مناهضة العنف مساعدتك في جمع الوثائق.',
  'pub.b.orfani_crimini_domestici.who': 'الوصي على الأولاد القاصرين. يستطيع مركز مناهضة العنف المرافقة.',
  'pub.b.orfani_crimini_domestici.where': 'INPS أو الباتروناتو للمعاش، والمحافظة (Prefettura) للصندوق.',
  'pub.b.orfani_crimini_domestici.when': 'لا يوجد موعد نهائي واحد.',
  // نقاط «للتحقق» من المحرك، نقطة بنقطة (مفاتيح verify-texts.ts؛ القيم بين الأقواس المعقوفة تبقى كما هي).
  'pub.b.assegno_di_inclusione.verify.care_applicant':
    'زيادة 0,40 لأعباء الرعاية تحسب لك أنت (البالغة الوحيدة في الأسرة)، كما يفهم من نص art. 2 c. 4؛ لم نر أي مثال من INPS.',
  'pub.b.assegno_di_inclusione.verify.consensual':
    'إنهاء العقد بالاتفاق بين الطرفين يبقي حقك في ADI فقط إذا تم وفق إجراء art. 7 L. 604/1966.',
  'pub.b.assegno_di_inclusione.verify.measures':
    'يجب ألا تكوني خاضعة لتدبير احترازي شخصي، ولا محكوماً عليك نهائياً في آخر 10 سنوات بالجرائم التي يحددها القانون.',
  'pub.b.assegno_di_inclusione.verify.members_resignation':
    'يجب ألا يكون أي فرد آخر من الأسرة، ممن عليهم البحث عن عمل، قد استقال بإرادته في آخر 12 شهراً.',
  'pub.b.assegno_di_inclusione.verify.minimum':
    'المبلغ المحسوب أقل من الحد الأدنى {minimum} في السنة الذي تذكره مصادر غير رسمية.',
  'pub.b.assegno_di_inclusione.verify.renters_scale':
    'للأسر التي تسكن بالإيجار، حد الدخول هو {renters}؛ ليس واضحاً هل يجب ضربه في مقياس التكافؤ، ودخل أسرتك يقع بالضبط بين القيمتين.',
  'pub.b.assegno_di_inclusione.verify.resignation_violence':
    'الاستقالة للهروب من عنف خارج العمل ليست في قائمة «الأسباب المشروعة» لدى INPS.',
  'pub.b.assegno_di_inclusione.verify.scale_overlap':
    'أحد أفراد الأسرة يستحق زيادتين في المقياس (الإعاقة والعمر)؛ حسبت الزيادة الأكبر فقط.',
  'pub.b.assegno_di_inclusione.verify.separate_household':
    'المرأة التي في مسار حماية تعتبر أسرة مستقلة، حتى في ISEE، بدون قرار من القاضي (قاعدة أضافها L. 85/2023؛ لم نجد المادة والفقرة).',
  'pub.b.assegno_di_inclusione.verify.uncertain_minimum_yearly.20240101':
    'الحد الأدنى 480 € في السنة مذكور في مصدرين غير رسميين؛ لم نر مادة DL 48/2023 التي تحدده.',
  'pub.b.assegno_di_inclusione.verify.vehicles':
    'يجب ألا يملك أي فرد من الأسرة سيارة أو دراجة نارية مسجلة حديثاً أو ذات محرك كبير، ولا سفينة أو قارب نزهة.',
  'pub.b.assegno_maternita_comuni.verify.adoption_entry':
    'بالنسبة لطفل متبنى أو في حضانة تمهيدية للتبني، يحسب تاريخ دخوله إلى العائلة، لا تاريخ ولادته.',
  'pub.b.assegno_maternita_comuni.verify.isee_minorenni_differs':
    'مؤشر ISEE العادي لا يكفي لاستبعادك: المهم هو ISEE الخاص بالأولاد القاصرين، وقد يكون مختلفاً (للأمهات اللواتي يتابعهن مركز مناهضة العنف، قد لا يحسب فيه الوالد المبعد عن البيت أو الذي لا يملك السلطة الأبوية).',
  'pub.b.assegno_maternita_comuni.verify.permit_type':
    'يجب أن يكون تصريح إقامتك تصريحاً موحداً للعمل أو للبحث العلمي (أو وثيقة معادلة).',
  'pub.b.assegno_maternita_comuni.verify.uncertain_isee_max.20220101':
    'حد ISEE للولادات في 2022 محسوب من قيمة 2023 (19.185,13 € ÷ 1,081): لم تقرأ تعميمة INPS لسنة 2022.',
  'pub.b.assegno_maternita_comuni.verify.uncertain_monthly.20220101':
    'المبلغ للولادات في 2022 محسوب من قيمة 2023 (383,46 € ÷ 1,081): لم تقرأ تعميمة INPS لسنة 2022.',
  'pub.b.assegno_maternita_stato.verify.adoption_entry':
    'بالنسبة لطفل متبنى أو في حضانة تمهيدية للتبني، يحسب تاريخ دخوله إلى العائلة، لا تاريخ ولادته.',
  'pub.b.assegno_maternita_stato.verify.contributions':
    'يلزم 3 أشهر على الأقل من اشتراكات الأمومة بين الشهر 18 والشهر 9 قبل الولادة؛ أو فقدان تعويض مرتبط بالعمل، خلال 9 أشهر قبل الولادة، بعد 3 أشهر على الأقل من الاشتراكات؛ أو الاستقالة أثناء الحمل مع نفس الأشهر الثلاثة.',
  'pub.b.assegno_maternita_stato.verify.no_isee':
    'يبدو أنه لا يوجد حد ISEE لهذه الإعانة (لم يتأكد ذلك بعد في وثيقة INPS).',
  'pub.b.assegno_maternita_stato.verify.permit_type':
    'يجب أن يعطيك تصريح إقامتك المساواة في المعاملة (تصريح موحد للعمل أو للبحث العلمي، art. 41 c. 1-ter D.Lgs. 286/1998).',
  'pub.b.assegno_maternita_stato.verify.uncertain_amount.20220101':
    'مبلغ 2022 قرئ فقط في صفحة غير رسمية تنقل عن INPS؛ لم تقرأ وثيقة INPS نفسها.',
  'pub.b.assegno_maternita_stato.verify.uncertain_amount.20230101':
    'مبلغ 2023 محسوب (2.183,77 € × 1,081): لم نجد وثيقة INPS.',
  'pub.b.assegno_maternita_stato.verify.uncertain_amount.20240101':
    'مبلغ 2024 قرئ فقط في صفحات غير رسمية ضعيفة الموثوقية (يساوي 2.360,66 € × 1,054): لم تقرأ وثيقة INPS.',
  'pub.b.assegno_maternita_stato.verify.uncertain_amount.20250101':
    'مبلغ 2025 قرئ في صفحة غير رسمية تنقل عن تعميمة INPS (2.508,04 €؛ ومن قيمة 2024 المقربة نحصل على 2.508,05 €).',
  'pub.b.assegno_maternita_stato.verify.uncertain_amount.20260101':
    'مبلغ 2026 محسوب (2.508,04 € × 1,014): لم نجد وثيقة INPS لسنة 2026.',
  'pub.b.assegno_sociale.verify.eu_family':
    'لأفراد عائلات مواطني الاتحاد الأوروبي الذين لديهم بطاقة إقامة، يجب أن يؤكد INPS الحق.',
  'pub.b.assegno_sociale.verify.milione':
    'ابتداءً من عمر {age} سنة قد تحق لك «الزيادة إلى المليون» (incremento al milione)، والمبلغ غير محسوب هنا.',
  'pub.b.assegno_sociale.verify.uncertain_annual_amount.20230101':
    'قيمة 2023 مؤقتة منقولة عن مصادر غير رسمية (503,27 € في الشهر)؛ التعديل النهائي لسنة 2023 (+8,1 %) سوي في 2024: يجب التحقق من المبلغ في تعميمة INPS.',
  'pub.b.assegno_unico.verify.age_1_3':
    'ليس واضحاً هل زيادة 50 % للأولاد من عمر سنة إلى 3 سنوات (للأسر التي لديها 3 أولاد على الأقل) تنطبق أيضاً في سنة عيد الميلاد الثالث؛ هنا طبقت.',
  'pub.b.assegno_unico.verify.band_edge':
    'مؤشر ISEE الخاص بك قريب جداً من حد إحدى الشرائح (الفرق أقل من 1 €)؛ الحدود محسوبة بقاعدة إعادة التقييم (لم يقرأ Allegato 1 من INPS).',
  'pub.b.assegno_unico.verify.contract_6m':
    'يلزم عقد عمل دائم أو لمدة 6 أشهر على الأقل (إذا كانت إقامتك في إيطاليا أقل من سنتين).',
  'pub.b.assegno_unico.verify.count_1_3':
    'في زيادة الأولاد من عمر سنة إلى 3 سنوات، يحسب الأولاد كما في الزيادات الأخرى (كل أولاد أسرة ISEE)؛ هذا غير مكتوب بوضوح.',
  'pub.b.assegno_unico.verify.infringement':
    'شرط الإقامة لمدة سنتين موضوع إجراء مخالفة من الاتحاد الأوروبي (رأي معلل بتاريخ 16/11/2023).',
  'pub.b.assegno_unico.verify.irpef': 'يجب أن تكوني خاضعة لضريبة الدخل (IRPEF) في إيطاليا.',
  'pub.b.assegno_unico.verify.payment_100':
    'دفع 100 % للأم يحتاج حضانة حصرية أو قراراً من القاضي (وإلا 50 % لكل والد إذا طلب ذلك).',
  'pub.b.assegno_unico.verify.permit_kind':
    'يجب أن يكون تصريح إقامتك تصريحاً موحداً للعمل أو للبحث العلمي لمدة أكثر من 6 أشهر.',
  'pub.b.assegno_unico.verify.protection':
    'للاجئات وصاحبات الحماية الفرعية أو الخاصة، لم تؤكد المصادر التي راجعناها شرط الجنسية.',
  'pub.b.assegno_unico.verify.table_2026':
    'مبالغ الزيادات لسنة 2026 محسوبة بمؤشر 1,4 % (لم يقرأ جدول circ. INPS 7/2026).',
  'pub.b.assegno_unico.verify.transitional':
    'زيادة انتقالية (art. 5) للأسر التي لديها ISEE حتى 25.000 € وكانت تحصل على الإعانة العائلية (assegno al nucleo familiare)، انتهت في فبراير 2025.',
  'pub.b.bonus_asilo_nido.verify.home_support':
    'إذا كان الطفل لا يستطيع الذهاب إلى الحضانة بسبب مرض مزمن خطير، فقد تحق المساعدة للرعاية في البيت (شهادة من طبيب الأطفال): تحتاج إلى تحقق.',
  'pub.b.bonus_asilo_nido.verify.permit_type':
    'نوع تصريح الإقامة: يجب أن يكون تصريحاً موحداً للعمل، أو للبحث العلمي، أو للعمل الحر، أو البطاقة الزرقاء، أو وثيقة أخرى مذكورة في التعميمة.',
  'pub.b.bonus_asilo_nido.verify.turned_three':
    'أحد الأولاد بلغ 3 سنوات في {birthday}؛ عن أشهر الحضانة في السنة التي سبقت عيد ميلاده قد يبقى استرداد المصاريف من حقك.',
  'pub.b.bonus_nuovi_nati.verify.adoption_entry':
    'بالنسبة لطفل متبنى أو في حضانة تمهيدية للتبني، يحسب تاريخ دخوله إلى العائلة، لا تاريخ ولادته.',
  'pub.b.bonus_nuovi_nati.verify.isee_minorenni_differs':
    'مؤشر ISEE العادي لا يكفي لاستبعادك: المهم هو ISEE الخاص بالأولاد القاصرين، وقد يكون مختلفاً (للأمهات اللواتي يتابعهن مركز مناهضة العنف، قد لا يحسب فيه الوالد المبعد عن البيت أو الذي لا يملك السلطة الأبوية).',
  'pub.b.bonus_nuovi_nati.verify.permit_type':
    'تصريح الإقامة لأقل من سنة يقبل فقط إذا كان تصريحاً موحداً للعمل أو للبحث العلمي.',
  'pub.b.carta_dedicata_a_te.verify.anagrafe':
    'يجب أن يكون كل أفراد الأسرة مسجلين في سجل السكان (Anagrafe) في بلدية الإقامة.',
  'pub.b.carta_dedicata_a_te.verify.budget': 'كل بلدية تحصل على عدد محدود من البطاقات، وتعطى حسب الترتيب.',
  'pub.b.carta_dedicata_a_te.verify.doubtful_support':
    'ليس واضحاً هل {what} يمنع الحصول على البطاقة («إجراء دعم آخر»).',
  'pub.b.carta_dedicata_a_te.verify.ranking_boundary':
    'أحد أفراد الأسرة ولد في السنة الحدية ({year}) وليس واضحاً في أي مجموعة يدخل.',
  'pub.b.carta_dedicata_a_te.verify.uncertain_amount.20260101':
    'مبلغ 2026: لم يقرأ المرسوم التنفيذي لسنة 2026؛ نفترض مبلغ 2025 (500 €).',
  'pub.b.carta_dedicata_a_te.verify.uncertain_isee_max.20260101':
    'حد ISEE لسنة 2026: لم يقرأ المرسوم التنفيذي لسنة 2026؛ نفترض حد 2025 (15.000 €).',
  'pub.b.carta_dedicata_a_te.verify.uncertain_min_members.20260101':
    'شروط 2026: قانون الميزانية لسنة 2026 يمول البطاقة من جديد، لكن المرسوم التنفيذي لسنة 2026 لم يقرأ؛ نفترض شروط 2025.',
  'pub.b.carta_dedicata_a_te.verify.uncertain_priority1_born_after.20260101':
    'تواريخ ترتيب سنة 2026 مأخوذة من السنوات السابقة (المولودون بعد 31/12/2012، ثم بعد 31/12/2008): لم يقرأ مرسوم 2026.',
  'pub.b.carta_dedicata_a_te.verify.uncertain_priority2_born_after.20230101':
    'تاريخ مجموعة الأولوية الثانية لسنة 2023 (المولودون بعد 31/12/2005) مأخوذ من السنوات اللاحقة.',
  'pub.b.carta_dedicata_a_te.verify.uncertain_priority2_born_after.20260101':
    'تواريخ ترتيب سنة 2026 مأخوذة من السنوات السابقة (المولودون بعد 31/12/2012، ثم بعد 31/12/2008): لم يقرأ مرسوم 2026.',
  'pub.b.congedo_violenza.verify.part_time':
    'الحق في الانتقال إلى العمل بدوام جزئي عند الطلب (لم يراجع نص art. 24 بعد الفقرة 4).',
  'pub.b.congedo_violenza.verify.self_employed_amount':
    'لم نجد في وثائق INPS قيمة التعويض اليومي باليورو للعاملات لحسابهن الخاص لسنة 2025 ولسنة 2026.',
  'pub.b.esonero_assunzione.verify.did':
    'يجب أن تكوني قد قدمت تصريح الاستعداد الفوري للعمل (DID) قبل التوظيف.',
  'pub.b.esonero_assunzione.verify.employer':
    'يجب أن يكون صاحب العمل خاصاً، والتوظيف دائماً، أو مؤقتاً (حتى عبر وكالة عمل)، أو تحويلاً إلى عقد دائم.',
  'pub.b.esonero_assunzione.verify.funds': 'الإعفاء يمنح في حدود الأموال المخصصة لكل سنة.',
  'pub.b.esonero_assunzione.verify.rdl_2023':
    'إذا حصلت على Reddito di Libertà في 2023، فالإعفاء يبقى من حقك حتى لو لم تحصلي عليه الآن.',
  'pub.b.naspi.verify.consensual_procedure':
    'إذا تم إنهاء العقد بالاتفاق وفق إجراء art. 7 L. 604/1966 (أو بعد رفض نقل إلى مكان يبعد أكثر من 50 كم)، فإن NASpI من حقك.',
  'pub.b.naspi.verify.previous_resignation':
    'إذا استقلت بإرادتك من عمل آخر خلال 12 شهراً قبل فقدان هذا العمل، يجب أن تكون 13 أسبوعاً من العمل قد تجمعت بعد تلك الاستقالة.',
  'pub.b.naspi.verify.violence_outside_work':
    'الاستقالة للهروب من عنف خارج العمل ليست من «الأسباب المشروعة» التي يعترف بها INPS؛ في 2024 رفض INPS إعطاء NASpI لضحية ملاحقة (stalking). انظري أيضاً في إجازة ضحايا العنف وفي ADI أو Reddito di Libertà.',
  'pub.b.naspi.verify.working_now':
    'مع عمل جديد، تتوقف NASpI أو تنقص حسب الدخل (artt. 9 e 10 D.Lgs. 22/2015).',
  'pub.b.orfani_crimini_domestici.verify.domestic_crime':
    'الوالد قتل على يد زوجه (حتى لو كان منفصلاً أو مطلقاً)، أو شريكه في اتحاد مدني، أو شريكه الذي يعيش معه.',
  'pub.b.orfani_crimini_domestici.verify.inps_credits':
    'للفترة 2020–2022، ما يدين به الجاني (المتوفى بعد ذلك) للدولة ولمعهد INPS لا يسترد من الأملاك التي ورثها الأولاد؛ للسنوات التالية لم نتحقق من القاعدة.',
  'pub.b.orfani_crimini_domestici.verify.self_sufficient':
    'الأولاد البالغون يحسبون فقط إذا لم يكونوا مستقلين مادياً.',
  'pub.b.reddito_di_liberta.verify.funding_2026':
    'أموال 2026 (10 M€ من L. 213/2023، بالإضافة إلى 1 M€ من L. 207/2024، والزيادة المذكورة في مشروع L. 199/2025، الذي لم نر فقرته الأخيرة).',
  'pub.b.reddito_di_liberta.verify.isee_document':
    'بعض المصادر تضع ISEE بين الوثائق، لكنه ليس من الشروط الرسمية.',
  'pub.b.reddito_di_liberta.verify.regional_budget':
    'يجب أن تكون لدى الإقليم أموال متبقية: الطلبات تقبل حسب ترتيب وصولها حتى تنفد ميزانية الإقليم.',
  'pub.b.reddito_di_liberta.verify.transition_2025':
    'من 5/3/2025 حتى فتح الطلبات الجديدة ({from}) كان يمكن فقط إعادة تقديم الطلبات المرفوضة بسبب نقص الأموال.',
  'pub.b.reddito_di_liberta.verify.uncertain_monthly_max.20251228':
    'مبلغ 530 € حسب Decreto 17/9/2025 (GU 13/12/2025)؛ لم نجد تاريخ بدء التطبيق (نفترض هنا 28/12/2025، بعد 15 يوماً من النشر) ولا تعليمات INPS.',
  'pub.b.supporto_formazione_lavoro.verify.adi_check':
    'إذا كانت لديك إعاقة، أو أعباء رعاية، أو كنت ضحية عنف تتابعك الخدمات الاجتماعية (DM 154/2023 art. 5)، وكانت أسرتك تستوفي شروط ADI، فالذي يحق لك هو ADI وليس Supporto.',
  'pub.b.supporto_formazione_lavoro.verify.consensual':
    'إنهاء العقد بالاتفاق مقبول إذا تم وفق إجراء art. 7 L. 604/1966.',
  'pub.b.supporto_formazione_lavoro.verify.resignation_violence':
    'الاستقالة للهروب من عنف خارج العمل ليست في قائمة «الأسباب المشروعة» لدى INPS.',
  'pub.b.supporto_formazione_lavoro.verify.unemployment_benefit':
    'أحد أفراد الأسرة يحصل على NASpI أو DIS-COLL؛ إذا كنت أنت، فلا يجمع Supporto مع هذه الإعانة.',
};
