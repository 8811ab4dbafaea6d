import type { ErrorCode } from '../errors.js';

type Catalog = Record<ErrorCode, string>;

const en: Catalog = {
  'invalid-input': 'The request was not valid: {{detail}}',
  'not-found': 'Not found: {{what}}',
  'article-not-found': 'No article with this id exists in the workspace. Refresh the article list and try again.',
  'path-outside-workspace': 'This path is outside the workspace and was refused. Choose a name inside the workspace folder.',
  'invalid-name': 'This name cannot be used ({{reason}}). Use a file name ending in .md, .txt or .html, without .. or leading slashes.',
  'already-exists': 'An article named {{name}} already exists. Choose another name.',
  'not-a-directory': 'The workspace {{path}} is not a folder. Choose a folder that holds your articles.',
  'workspace-read-only': 'This workspace is open read-only: {{reason}}',
  'workspace-locked': 'Another FactDesk window (process {{pid}}) is editing this workspace, so it was opened read-only. Close the other window to edit here.',
  'file-too-large': '{{name}} is too large to open ({{size}} bytes; the limit is {{max}}). Split the article into smaller files.',
  'binary-file': '{{name}} is not a text file, so FactDesk will not open it. Nothing was changed.',
  'invalid-encoding': '{{name}} is not valid UTF-8, UTF-16 or GB18030 text, so FactDesk will not open it rather than garble it. Nothing was changed; re-save it as UTF-8 in the program that made it.',
  'unsupported-file-type': '{{name}} is not an article FactDesk opens (.md, .txt, .html).',
  'changed-on-disk': '{{name}} was changed outside FactDesk since you opened it. Reload it, keep your version, or compare the two.',
  'article-missing': '{{name}} is no longer on disk (deleted or renamed outside FactDesk).',
  'disk-full': 'The disk is full, so {{name}} could not be saved. Your previous version is intact; free some space and save again.',
  'permission-denied': 'FactDesk is not allowed to write {{name}}. Your previous version is intact; check the file permissions and save again.',
  'store-corrupt': 'The annotations file {{name}} was damaged. It was moved aside to {{movedTo}} and the last good copy restored.',
  'claim-not-found': 'No claim with id {{id}} exists in this article.',
  'revision-not-found': 'No revision {{rev}} exists for this article.',
  'invalid-relation': 'The relation “{{expression}}” cannot be read at character {{at}}: {{reason}}. Write it like A + B ≤ C, A = B × C or A ≈ B ± 1%.',
  'unsupported-in-host': 'This action is only available in the desktop app.',
  internal: 'Something went wrong inside FactDesk: {{detail}}',
};

const zhCN: Catalog = {
  'invalid-input': '请求无效:{{detail}}',
  'not-found': '未找到:{{what}}',
  'article-not-found': '工作区中没有这篇文章。请刷新文章列表后重试。',
  'path-outside-workspace': '该路径位于工作区之外,已被拒绝。请在工作区文件夹内选择名称。',
  'invalid-name': '无法使用这个名称({{reason}})。请使用以 .md、.txt 或 .html 结尾的文件名,不要包含 .. 或以斜杠开头。',
  'already-exists': '已存在名为 {{name}} 的文章,请换一个名称。',
  'not-a-directory': '工作区 {{path}} 不是文件夹。请选择存放文章的文件夹。',
  'workspace-read-only': '该工作区以只读方式打开:{{reason}}',
  'workspace-locked': '另一个 FactDesk 窗口(进程 {{pid}})正在编辑该工作区,因此本窗口以只读方式打开。关闭另一个窗口后即可在此编辑。',
  'file-too-large': '{{name}} 太大,无法打开({{size}} 字节,上限 {{max}})。请把文章拆分为较小的文件。',
  'binary-file': '{{name}} 不是文本文件,FactDesk 不会打开它。文件未作任何改动。',
  'invalid-encoding': '{{name}} 不是有效的 UTF-8、UTF-16 或 GB18030 文本。为避免乱码,FactDesk 不会打开它,文件未作任何改动;请在生成它的程序中另存为 UTF-8。',
  'unsupported-file-type': '{{name}} 不是 FactDesk 可打开的文章(.md、.txt、.html)。',
  'changed-on-disk': '自您打开以来,{{name}} 已在 FactDesk 之外被修改。请选择重新载入、保留我的版本,或比较两者。',
  'article-missing': '{{name}} 已不在磁盘上(可能在 FactDesk 之外被删除或改名)。',
  'disk-full': '磁盘已满,{{name}} 未能保存。之前的版本完好无损;请释放空间后再次保存。',
  'permission-denied': 'FactDesk 无权写入 {{name}}。之前的版本完好无损;请检查文件权限后再次保存。',
  'store-corrupt': '标注文件 {{name}} 已损坏,已移至 {{movedTo}},并恢复了最近一次完好的副本。',
  'claim-not-found': '本文中没有编号为 {{id}} 的断言。',
  'revision-not-found': '本文没有版本 {{rev}}。',
  'invalid-relation': '无法解析关系“{{expression}}”(第 {{at}} 个字符):{{reason}}。请写成 A + B ≤ C、A = B × C 或 A ≈ B ± 1% 的形式。',
  'unsupported-in-host': '此操作仅在桌面应用中可用。',
  internal: 'FactDesk 内部出错:{{detail}}',
};

export default { en: { errors: en }, 'zh-CN': { errors: zhCN } };
