/**
 * The cue rules: which category a clause's words make it, in Chinese and in
 * English. A clause is read with the inside of its quotations and 《titles》
 * masked (quoted words carry no cue), so a cue must be the article's own.
 * Rules follow ../shared/fixtures/statements/README.md; the first category of
 * `statementCategories` that fits wins.
 */
import type { StatementCategory } from './types.js';

const N = '[一二三四五六七八九十百\\d]';

/** Plans, goals and forecasts are not statements. */
const ZH_PLAN = /将(?!近|军|士|领|帅)|计划|拟(?!定)|力争|目标|预计|有望|争取|即将|打算|准备|预期/;
const EN_PLAN = /\b(?:will|would|plans? to|planned to|expects?|expected to|aims? to|intends? to|is set to|are set to|forecasts?|proposed|is to be|are to be)\b/i;

/** A named body (ends in an organisation word) or a titled person. */
const ZH_BODY = /(?:局|部|委|委员会|会|院|办|厅|署|所|中心|公司|集团|银行|联盟|协会|政府|海关|大学|交易所|法院|检察院|社|报|台|机构|办公室|党委|组委会|网)/;
const ZH_TITLE = /(?:局长|部长|主任|书记|市长|县长|区长|省长|州长|主席|董事长|总经理|总裁|总监|经理|院长|校长|所长|处长|秘书长|发言人|厅长|总工程师|教练|队长|会长|行长|首席\S{0,4}师|委员)/;
/** Sources that name no one (据介绍, 有关负责人, 业内人士). */
const ZH_UNNAMED = /^(?:有关|相关)?(?:负责人|人士|专家|业内人士|知情人士|分析人士|记者|有人|人们|大家)|负责人$|人士$/;

/** A figure after the comparison cue gives its other side or the gap as a number (claims set); a year does not. */
/** `28% more than a year earlier`, `5 points higher than`: the gap printed before the cue. */
const EN_GAP_BEFORE = /\d[\d.,]*\s*(?:%|per\s*cent|percentage\s+points?|points?|times)?\s*$/i;

function numberAfter(c: string, from: number): boolean {
  return /\d/.test(c.slice(from).replace(/(?<!\d)(?:19|20)\d\d(?!\d|\.\d|%|亿|万|个|元|点)/g, ''));
}

interface Rule {
  category: StatementCategory;
  test: (clause: string) => boolean;
}

const re = (r: RegExp) => (c: string) => r.test(c);

const ZH_AWARD = new RegExp(
  [
    '获评',
    '荣获',
    '获得?[^，,。；]{0,30}?称号',
    '被?评为',
    '被?授予',
    '入选',
    '被?认定为',
    '被?命名为',
    '被列为',
    '(?:名列|位列)其中',
    '榜上有名',
    '列入[^，,。；]{0,30}?名单',
    '获得?[^，,。；]{0,20}?(?:金奖|银奖|铜奖|一等奖|二等奖|三等奖|特等奖|大奖|冠军|金牌|银牌|铜牌)',
    '夺冠',
    '夺得',
    '摘得',
    '问鼎',
    '折桂',
    '获颁',
  ].join('|'),
);
/** 共获得金牌48枚: a medal count is a figure, not an award. */
const ZH_MEDAL_COUNT = /(?:金牌|银牌|铜牌|奖牌|奖项)\s*\d|\d+\s*(?:枚|块|项|个)\s*(?:金牌|银牌|铜牌|奖牌|奖项)/;
const ZH_RANKING = new RegExp(
  [
    '位列',
    '位居',
    '名列',
    '排名(?:第|前|上升|提升|前移|下降|跃升|较)',
    '跃居',
    '跻身',
    '蝉联',
    `(?:居|列)(?:全国|全省|全市|全区|全州|全球|世界|同类|行业|各|西部|中部|东部|国内)[^，,。；]{0,15}?(?:第${N}+|前${N}+|首位|榜首)`,
    `进入[^，,。；]{0,15}?前${N}+`,
    '榜首',
    `${N}+连冠`,
    `第${N}+名`,
  ].join('|'),
);
const ZH_FIRST = new RegExp(
  [
    '首(?:次|个|家|条|宗|班|款|台|套|座|位|例|枚|度)',
    '唯一',
    '率先',
    '再创新高',
    '创(?:下)?[^，,。；]{0,12}?(?:新高|纪录|记录|最好|最高|最佳|最优)',
    '历史(?:新高|最好|最高|最佳)',
    '(?:刷新|打破)[^，,。；]{0,12}?(?:纪录|记录)',
    '(?:全国|全省|全市|全球|世界|国内|亚洲|全国同类|同类)(?:最大|最高|最长|最早|最多)',
    '填补[^，,。；]{0,12}?空白',
    '(?:全国|国内|全球|世界|全省|全市)(?:仅有|独有|独一无二)',
  ].join('|'),
);
const ZH_ENDORSEMENT = new RegExp(
  [
    '(?:受到|得到|获得)[^，,。；]{0,40}?(?:肯定|表扬|表彰|好评|称赞|赞扬|赞赏|点赞|推介|推广)',
    '典型推介',
    '获[^，,。；]{0,20}?批示',
    '(?:被|获)[^，,。；]{0,25}?(?:推广|点赞|通报表扬)',
    '给予[^，,。；]{0,12}?(?:肯定|表扬|高度评价|好评)',
    '通报表扬',
    '^表彰(?!大会|会)',
  ].join('|'),
);
/** A named meeting: 第N届, or at least four characters of name before the meeting word. */
const ZH_MEETING = new RegExp(
  `(?:举办|举行|召开|开幕|闭幕)[^，,。；]*?(?:第${N}+届|[^，,。；\\s]{4,}(?:峰会|论坛|大会|会议|博览会|展览会|交易会|洽谈会|发布会|推介会|运动会|锦标赛|联赛|仪式|艺术节|文化节|旅游节|展览|展))|第${N}+届[^，,。；]{2,30}?(?:开幕|闭幕)|[”》][^，,。；]{0,10}?(?:开幕|闭幕|揭幕|开展)`,
);
/** The milestones of a named facility: a cue after at least four characters of name (湘北新材料产业园一期正式投产). */
const ZH_MILESTONE = /(?:正式)?(?:投产|开工|竣工|建成|揭牌|开业|开园|通车|交付|落成|启用|投入使用|投运|开通运营|正式(?:对外)?开放)(?!区|率|项目|里程|面积|总量|数量|能力|规模|\d)/g;
const milestone = {
  test(c: string): boolean {
    ZH_MILESTONE.lastIndex = 0;
    for (let m = ZH_MILESTONE.exec(c); m; m = ZH_MILESTONE.exec(c)) if (/[^，,。；\s\d]{4}/.test(c.slice(Math.max(0, m.index - 20), m.index))) return true;
    return false;
  },
};
const ZH_EVENT = [
  ZH_MEETING,
  /签(?:署|订)[^，,。；]{0,40}?(?:协议|合同|备忘录|协定|意向书|《)|与[^，,。；]{2,30}?签约(?![额\d]|项目)/,
  /获批(?!准)./,
  milestone,
  /(?:成立|设立|建立|组建|挂牌)了?(?!以来|健全|完善)[^，,。；]{2,40}?(?:基地|中心|公司|委员会|研究院|学院|工作站|实验室|平台|联盟|协会|基金|办公室|分院|研究所|医院|学校|园区|示范区|试验区|保护区)/,
  /(?:出台|印发|发布|颁布|公布|推出|开通|上线|启动|实施)[^，,。；]{0,20}?[《“「]/,
  /公布[^，,。；]{0,40}?(?:结果|名单|报告)/,
];
const ZH_COMPARISON = /(?:高于|低于|快于|慢于|优于|好于|强于|领先于|多于|少于|超过(?=往|上年|去年|同期|全国|全省|全市|平均|预期|历史))/;
/** 得益于…, 受…影响, 由于…: a clause that opens with its cause is causal even when the cause names an event (项目集中投产). */
const ZH_LISTING = new RegExp(`^成为[^，,。；]{0,40}?(?:之一|第${N}+(?:家|个|座|位|批))`);
const ZH_CAUSE_LEAD = /^(?:主要|这|此|也|均|都|一方面|另一方面)?(?:得益于|受益于|归功于|归因于|源于|由于|受(?!到)[^，,。；]{1,20}?(?:影响|带动|拉动|推动)|(?:主要)?是因为|原因是|主要原因是)/;
const ZH_CAUSAL = /得益于|受益于|归功于|归因于|源于|由于|受(?!到)[^，,。；]{1,20}?(?:影响|带动|拉动|推动)|是因为|原因是|带动下|推动下|(?:带动|拉动)(?=[^，,。；\s])/;

/** 据县统计局数据显示, 国家统计局数据显示, 公司财务总监张丽介绍, 记者从省统计局获悉. */
function zhAttribution(c: string): boolean {
  let m = /^(?:据|根据)([^，,。；]{2,30}?)的?(?:消息|介绍|统计|数据显示|数据|报道|调查|测算|监测|公告|通报|显示|发布|披露|通知)/.exec(c);
  if (m) return zhNamed(m[1]!);
  m = /^([^，,。；]{2,30}?)(?:的)?(?:数据|统计|监测|调查|报告)?显示/.exec(c);
  if (m && /(?:数据|统计|监测|调查|报告)显示/.test(c)) return zhNamed(m[1]!);
  m = /^记者从([^，,。；]{2,30}?)(?:获悉|了解到)/.exec(c);
  if (m) return zhNamed(m[1]!);
  m = /^([^，,。；]{2,30}?)(?:在[^，,。；]{1,12}?上|日前|近日|今天|昨天)?(?:表示|介绍|称|透露|指出|强调|说明|宣布|通报|说)$/.exec(c);
  if (m) return zhNamed(m[1]!.replace(/在[^，,。；]*$/, ''));
  return false;
}

/** A person's name alone (刘红表示): two or three characters after a common surname. */
const ZH_PERSON = /^[王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤翁欧][\u4e00-\u9fff]{1,2}$/;

function zhNamed(source: string): boolean {
  if (ZH_UNNAMED.test(source) || /^(?:初步|最新|有关|相关|了解|介绍|统计)$/.test(source)) return false;
  return ZH_TITLE.test(source) || ZH_BODY.test(source) || ZH_PERSON.test(source);
}

const ZH_RULES: Rule[] = [
  { category: 'award', test: (c) => ZH_AWARD.test(c) && !/^获得?殊荣/.test(c) && !ZH_MEDAL_COUNT.test(c) },
  { category: 'ranking', test: re(ZH_RANKING) },
  { category: 'first', test: re(ZH_FIRST) },
  { category: 'endorsement', test: re(ZH_ENDORSEMENT) },
  { category: 'event', test: (c) => ZH_EVENT.some((r) => r.test(c)) },
  { category: 'comparison', test: (c) => ZH_COMPARISON.test(c) && !numberAfter(c, c.search(ZH_COMPARISON)) },
  { category: 'causal', test: re(ZH_CAUSAL) },
  { category: 'attribution', test: zhAttribution },
];

/**
 * The category of a Chinese clause (quotations masked), or null. `next` is
 * the clause after it in the sentence: an attribution whose reported content
 * is a plan is not a statement; `previous` the category of the clause before
 * it in the sentence.
 */
export function classifyChinese(clause: string, next: string | undefined, previous: StatementCategory | null): StatementCategory | null {
  if (ZH_PLAN.test(clause)) return null;
  // 荣获…称号，成为全国第二批14个文明城市之一: the award restated as a listing, right after it.
  if (previous === 'award' && ZH_LISTING.test(clause)) return 'award';
  if (ZH_CAUSE_LEAD.test(clause)) return 'causal';
  for (const r of ZH_RULES) {
    if (!r.test(clause)) continue;
    if (r.category === 'attribution' && next !== undefined && ZH_PLAN.test(next)) return null;
    return r.category;
  }
  return null;
}

const EN_AWARD_VERB = /\b(?:won|wins|took|takes|received|receives|collected|picked up|claimed|scooped|beat|awarded|shortlisted|honou?red|inducted)\b/i;
const EN_AWARD_NOUN = /\b(?:awards?|prize|medal|trophy|title|honou?r|accolade|of the Year|Awards?)\b/;
const EN_AWARD = /\b(?:was|were|been|is|are|be)\s+(?:awarded|named|shortlisted|honou?red|crowned|voted)\b|\bnamed\s+(?:as\s+)?(?:the\s+)?(?:best|top|winner|[A-Z])|\bwinners?\s+(?:at|of|in)\b[^.;]*\bawards?\b/i;
const EN_RANKING = /\b(?:ranked|ranks|ranking|top\s+of\s+the|top[- ]\d+|No\.\s?\d+\b)|\b(?:second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth)[- ](?:largest|biggest|highest|most|best|place)\b/i;
const EN_FIRST = /\b(?:record(?!ed|s\b)|first-ever|all-time\s+(?:high|low)|best-ever|unprecedented)\b|\bthe\s+(?:first|only)\b(?!\s+(?:half|quarter|three|six|nine|two|four|five|seven|eight|ten|eleven|twelve|months?|weeks?|days?|year|minister|time\s+since))|\bfor\s+the\s+first\s+time\b|\b(?:highest|lowest|largest|biggest|strongest|weakest)\b[^.;]{0,40}\b(?:since|ever|in\s+(?:the|its)\s+\w*\s*history)\b|\bthe\s+(?:highest|lowest|largest|biggest)\b/i;
const EN_ENDORSEMENT = /\b(?:praised|commended|hailed|applauded|lauded|endorsed)\s+by\b|\b(?:judges?|jury|panel)\b[^.;"]{0,40}\bsaid\b/i;
const EN_EVENT = /\b(?:approved|approves|signed|signs|launched|launches|issued|unveiled|inaugurated|established|founded|ratified|enacted)\b|\bheld\b(?=[^.;]{0,40}\b(?:meeting|summit|conference|forum|ceremony|election|vote|referendum|talks|festival|games|championships?)\b)|\b(?:was|were|been|is|are)\s+(?:officially\s+)?opened\b|\bofficially\s+opened\b/i;
const EN_COMPARISON = /\b(?:higher|lower|faster|slower|better|worse|more|less|greater|smaller|larger|stronger|weaker|shorter|longer|cheaper|costlier|earlier|later)\s+than\b|\b(?:outpaced|outperformed|outstripped)\b|\b(?:above|below)\s+the\s+(?:\w+\s+)?average\b/i;
const EN_CAUSAL = /\b(?:driven by|due to|because of|because|as a result of|resulting from|thanks to|on the back of|owing to|caused by|attributed to|boosted by|weighed (?:down )?by|reflecting)\b|\bled by\b(?=[^.;]*\b(?:ros|fell|grow|grew|growth|increas|declin|gain|drop|rise|fall))/i;
const EN_GENERIC_SOURCE = /^(?:sources?|reports?|some|analysts|experts|estimates|people|officials|observers|insiders|he|she|they|it|we|one)\b/i;
/** `the board said`: a body named earlier in the article, referred to by its kind. */
const EN_BODY = /^(?:board|council|ministry|bank|company|group|hospital|trust|agency|department|office|bureau|commission|committee|government|court|police|regulator|authority|institute|university|federation|association)\b/i;
const EN_TITLE = /\b(?:director|minister|chief|executive|spokes(?:person|man|woman)|chair(?:man|woman)?|president|mayor|councillor|officer|secretary|commissioner|governor|economist|manager|leader|head)\b/i;

/** `according to X` and a reporting clause (`X said`) with a named source. */
function enAttribution(c: string): boolean {
  const acc = /\baccording to\s+(.+)$/i.exec(c);
  if (acc) return !EN_GENERIC_SOURCE.test(acc[1]!.replace(/^the\s+/i, ''));
  const said = /^(.{2,120}?)\s+(?:said|says|told|reported|announced)\b/.exec(c);
  if (!said) return false;
  const source = said[1]!.replace(/^(?:the|a|an)\s+/i, '');
  if (EN_GENERIC_SOURCE.test(source)) return false;
  return /[A-Z]/.test(source.slice(1)) || /^[A-Z][a-z]+\s+[A-Z]/.test(source) || EN_TITLE.test(source) || EN_BODY.test(source);
}

const EN_RULES: Rule[] = [
  { category: 'award', test: (c) => EN_AWARD.test(c) || (EN_AWARD_VERB.test(c) && EN_AWARD_NOUN.test(c)) },
  { category: 'ranking', test: re(EN_RANKING) },
  { category: 'first', test: (c) => EN_FIRST.test(c) && !/\bthe first minister\b/i.test(c) },
  { category: 'endorsement', test: re(EN_ENDORSEMENT) },
  { category: 'event', test: re(EN_EVENT) },
  { category: 'comparison', test: (c) => EN_COMPARISON.test(c) && !numberAfter(c, c.search(EN_COMPARISON)) && !EN_GAP_BEFORE.test(c.slice(0, c.search(EN_COMPARISON))) },
  { category: 'causal', test: re(EN_CAUSAL) },
  { category: 'attribution', test: enAttribution },
];

/** The category of an English clause (quotations masked), or null. */
export function classifyEnglish(clause: string): StatementCategory | null {
  if (EN_PLAN.test(clause)) return null;
  for (const r of EN_RULES) if (r.test(clause)) return r.category;
  return null;
}

/**
 * Character pairs (and a few single characters) at least one of which lies
 * inside every clause a Chinese rule above can match: a one-pass filter so
 * that only sentences holding one are split into clauses and classified.
 * tests/unit/shared/statements/cues.test.ts holds the rules to it.
 */
const ZH_TRIGGER_PAIRS = [
  ...'获评 荣获 称号 评为 授予 入选 认定 命名 列为 名单 名列 位列 榜上 金奖 银奖 铜奖 等奖 大奖 冠军 金牌 银牌 铜牌 夺冠 夺得 摘得 问鼎 折桂 获颁 成为'.split(' '),
  ...'位居 排名 跃居 跻身 蝉联 进入 榜首 连冠'.split(' '),
  ...'唯一 率先 新高 纪录 记录 最好 最高 最佳 最优 历史 刷新 打破 最大 最长 最早 最多 空白 仅有 独有 独一'.split(' '),
  ...'肯定 表扬 表彰 好评 称赞 赞扬 赞赏 点赞 推介 推广 批示 评价'.split(' '),
  ...'举办 举行 召开 开幕 闭幕 揭幕 开展 签署 签订 签约 获批 投产 开工 竣工 建成 揭牌 开业 开园 通车 交付 落成 启用 投入 投运 开通 开放 成立 设立 建立 组建 挂牌 出台 印发 发布 颁布 公布 推出 上线 启动 实施'.split(' '),
  ...'高于 低于 快于 慢于 优于 好于 强于 领先 多于 少于 超过'.split(' '),
  ...'得益 受益 归功 归因 源于 由于 影响 带动 拉动 推动 因为 原因'.split(' '),
  ...'显示 记者 表示 介绍 透露 指出 强调 说明 宣布 通报'.split(' '),
  ...[...'首'].flatMap((a) => [...'次个家条宗班款台套座位例枚度'].map((b) => a + b)),
  ...[...'居列'].flatMap((a) => [...'全世同行各西中东国'].map((b) => a + b)),
  ...[...'一二三四五六七八九十百0123456789'].map((a) => `${a}名`),
];
const ZH_TRIGGER_SINGLE = '据称说';
const ZH_TRIGGER_FIRST = new Uint8Array(0x10000);
const ZH_TRIGGER_PAIR = new Set<number>();
for (const p of ZH_TRIGGER_PAIRS) {
  ZH_TRIGGER_FIRST[p.charCodeAt(0)] = 1;
  ZH_TRIGGER_PAIR.add(p.charCodeAt(0) * 0x10000 + p.charCodeAt(1));
}
for (const c of ZH_TRIGGER_SINGLE) ZH_TRIGGER_FIRST[c.charCodeAt(0)] = 2;

/** Offsets in [from, to) of `s` where a Chinese cue may start, in order. */
export function chineseTriggers(s: string, from = 0, to = s.length): number[] {
  const out: number[] = [];
  for (let i = from; i < to; i++) {
    const t = ZH_TRIGGER_FIRST[s.charCodeAt(i)];
    if (t === 2 || (t === 1 && ZH_TRIGGER_PAIR.has(s.charCodeAt(i) * 0x10000 + s.charCodeAt(i + 1)))) out.push(i);
  }
  return out;
}

/** Words at least one of which lies inside every clause an English rule above can match. */
const EN_TRIGGER = /award|prize|medal|troph|title|honou?r|accolade|year|named|winner|shortlist|crowned|voted|won\b|wins\b|took|takes|received|collected|picked|claimed|scooped|beat|inducted|rank|top|no\.|largest|biggest|highest|lowest|strongest|weakest|record|first|only|unprecedented|best|prais|commend|hail|applaud|laud|endorse|judge|jury|panel|approve|sign|launch|issued|unveil|inaugurat|establish|founded|ratified|enacted|held|opened|than|outpac|outperform|outstrip|average|driven|due to|because|result|thanks|back of|owing|caused|attributed|boosted|weighed|reflecting|led by|according|said|says|told|reported|announced|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth/i;

/** True when an English line may hold a cue. */
export function englishTrigger(s: string): boolean {
  return EN_TRIGGER.test(s);
}
