<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>Cli</name>
    <message>
        <source>usage: ftlens-cli COMMAND [OPTIONS]

commands:
  info FILE [--json]                                   summary of a recording
  export FILE --event SYSTEM:EVENT [--pid PID] -o OUT  events of one type as CSV (- for stdout)
  export FILE --table calls|functions [--pid PID] -o OUT
                                                       function calls, or per-function figures, as CSV
  synth --events N --cpus C [--tasks T] [--seed S] [--duration-ms D] -o FILE
                                                       a synthetic recording for scale work
  import INPUT -o OUT.ftlens [--json]                  ftrace text (cat trace, trace_pipe) into a recording
</source>
        <translation type="vanished">用法：ftlens-cli 命令 [选项]

命令：
  info FILE [--json]                                   录制文件摘要
  export FILE --event SYSTEM:EVENT [--pid PID] -o OUT  将一种类型的事件导出为 CSV（- 表示标准输出）
  export FILE --table calls|functions [--pid PID] -o OUT
                                                       将函数调用或各函数的统计数据导出为 CSV
  synth --events N --cpus C [--tasks T] [--seed S] [--duration-ms D] -o FILE
                                                       生成用于规模测试的合成录制文件
  import INPUT -o OUT.ftlens [--json]                  将 ftrace 文本（cat trace、trace_pipe）导入为录制文件
</translation>
    </message>
    <message>
        <location filename="../engine/cli/clicommands.cpp" line="+60"/>
        <source>summary of a recording: CPUs, duration, events by type, tasks, lost events, calls, unparsed lines</source>
        <translation>录制文件摘要：CPU、时长、各类型事件数、任务、丢失事件、调用、未解析的行</translation>
    </message>
    <message>
        <source>events (or a probe&apos;s paired calls with --probe, or function calls with --table) as CSV; -o is required (- for stdout)</source>
        <translation type="vanished">将事件（或配合 --probe 时为探针的配对调用，配合 --table 时为函数调用）导出为 CSV；必须提供 -o（- 表示标准输出）</translation>
    </message>
    <message>
        <source>ftrace text (cat trace, trace_pipe, perf-tools output) into a recording; -o is required</source>
        <translation type="vanished">将 ftrace 文本（cat trace、trace_pipe、perf-tools 输出）导入为录制文件；必须提供 -o</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>events (or a probe&apos;s paired calls with --probe, or function calls with --table) as CSV; or the whole recording as a trace.dat or Chrome/Perfetto JSON (--format); -o is required (- for stdout: CSV)</source>
        <translation>将事件（或使用 --probe 时为探针的配对调用，使用 --table 时为函数调用）导出为 CSV；或将整个录制文件导出为 trace.dat 或 Chrome/Perfetto JSON（--format）；必须提供 -o（- 表示标准输出：仅限 CSV）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>a trace.dat, ftrace or trace-cmd report text, or perf script output into a recording; -o is required</source>
        <translation>将 trace.dat、ftrace 或 trace-cmd report 文本，或 perf script 输出导入为录制文件；必须提供 -o</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>a synthetic recording for scale work; --events, --cpus and -o are required</source>
        <translation>生成用于规模测试的合成录制文件；必须提供 --events、--cpus 和 -o</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>ftlens-helper&apos;s service (TARGET unix:PATH or pkexec): caps, record ARGS, status, list, fetch ID -o FILE, delete ID</source>
        <translation>ftlens-helper 的服务（TARGET 为 unix:PATH 或 pkexec）：caps、record ARGS、status、list、fetch ID -o FILE、delete ID</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>writes the timeline and call indexes into a recording that lacks them (or, with --cache, into the index cache)</source>
        <translation>将时间线索引和调用索引写入缺少它们的录制文件（或使用 --cache 时写入索引缓存）</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>usage: ftlens-cli COMMAND [OPTIONS]
       ftlens-cli COMMAND --help    explains COMMAND and each of its options
       ftlens-cli --help | --version

commands:
</source>
        <translation>用法：ftlens-cli 命令 [选项]
      ftlens-cli 命令 --help    说明该命令及其各个选项
      ftlens-cli --help | --version

命令：
</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>ftlens-cli: unknown command &apos;%1&apos;</source>
        <translation>ftlens-cli：未知命令“%1”</translation>
    </message>
    <message>
        <location filename="../engine/cli/exportcommand.cpp" line="+34"/>
        <source>--%1: &apos;%2&apos; is not a number</source>
        <translation>--%1：“%2”不是数字</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>--%1: &apos;%2&apos; is not a time in ns</source>
        <translation>--%1：“%2”不是以纳秒为单位的时间</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>--table takes at most one --pid and one --cpu</source>
        <translation>--table 最多接受一个 --pid 和一个 --cpu</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>--table: &apos;%1&apos; is not a table (calls or functions)</source>
        <translation>--table：“%1”不是表（应为 calls 或 functions）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>--table cannot be combined with --%1</source>
        <translation>--table 不能与 --%1 同时使用</translation>
    </message>
    <message>
        <source>Exports the events a selection holds as CSV, in time order.</source>
        <translation type="vanished">按时间顺序将所选范围内的事件导出为 CSV。</translation>
    </message>
    <message>
        <location line="+63"/>
        <location filename="../engine/cli/infocommand.cpp" line="+99"/>
        <source>The .ftlens recording.</source>
        <translation>.ftlens 录制文件。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Only this event type; repeatable; none means all. With exactly one, one column per field.</source>
        <translation>仅此事件类型；可重复；不指定表示全部。恰好指定一种时，每个字段一列。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Only events on this CPU; repeatable.</source>
        <translation>仅此 CPU 上的事件；可重复。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Only events of this task; repeatable.</source>
        <translation>仅此任务的事件；可重复。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Only events with ts &gt;= T (trace clock ns).</source>
        <translation>仅 ts &gt;= T 的事件（跟踪时钟，纳秒）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Only events with ts &lt; T (trace clock ns).</source>
        <translation>仅 ts &lt; T 的事件（跟踪时钟，纳秒）。</translation>
    </message>
    <message>
        <location line="+63"/>
        <source>--probe cannot be combined with --%1</source>
        <translation>--probe 不能与 --%1 同时使用</translation>
    </message>
    <message>
        <source>Field expression, e.g. &apos;prev_state == 1&apos;.</source>
        <translation type="vanished">字段表达式，例如 &apos;prev_state == 1&apos;。</translation>
    </message>
    <message>
        <source>The paired calls of a probe (entry with its return): ts_ns,cpu,pid,comm, the arguments, ret, ret_text, latency_ns, decoded columns, status.</source>
        <translation type="vanished">探针的配对调用（入口及其返回）：ts_ns,cpu,pid,comm、参数、ret、ret_text、latency_ns、解码列、status。</translation>
    </message>
    <message>
        <location line="-53"/>
        <source>A table of the function calls instead of events: &apos;calls&apos; (id,parent_id,ts_ns,dur_ns,self_ns,cpu,pid,comm,depth,function, one row per call) or &apos;functions&apos; (function,calls,total_ns,self_ns,avg_ns,max_ns). Scoped by one --pid, one --cpu, --from-ns and --to-ns (a call&apos;s start).</source>
        <translation>导出函数调用表而不是事件：&apos;calls&apos;（id,parent_id,ts_ns,dur_ns,self_ns,cpu,pid,comm,depth,function，每次调用一行）或 &apos;functions&apos;（function,calls,total_ns,self_ns,avg_ns,max_ns）。范围由一个 --pid、一个 --cpu、--from-ns 和 --to-ns（按调用的开始时间）限定。</translation>
    </message>
    <message>
        <source>Output file, - for stdout.</source>
        <translation type="vanished">输出文件，- 表示标准输出。</translation>
    </message>
    <message>
        <location line="-95"/>
        <location line="+33"/>
        <location line="+82"/>
        <source>ftlens-cli export: %1</source>
        <translation>ftlens-cli export：%1</translation>
    </message>
    <message>
        <location line="-77"/>
        <source>--format %1 writes the whole recording: --%2 does not apply</source>
        <translation>--format %1 写出整个录制文件：--%2 不适用</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>--format %1 writes a file: -o - is not possible</source>
        <translation>--format %1 写出文件：不能使用 -o -</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>--trace-dat-version: &apos;%1&apos; is not 6 or 7</source>
        <translation>--trace-dat-version：“%1”不是 6 或 7</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>--compression: &apos;%1&apos; is not none or zstd</source>
        <translation>--compression：“%1”不是 none 或 zstd</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>--compression needs --trace-dat-version 7</source>
        <translation>--compression 需要 --trace-dat-version 7</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>%1: %2 events, %3 CPUs%4</source>
        <translation>%1：%2 个事件，%3 个 CPU%4</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Exports the events a selection holds as CSV, in time order; or, with --format, the whole recording as a trace.dat (trace-cmd report, KernelShark) or as Chrome/Perfetto JSON trace events (Perfetto UI, chrome://tracing).</source>
        <translation>将所选条件匹配的事件按时间顺序导出为 CSV；或使用 --format 将整个录制文件导出为 trace.dat（用于 trace-cmd report、KernelShark）或 Chrome/Perfetto JSON 跟踪事件（用于 Perfetto UI、chrome://tracing）。</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Field expression, e.g. &apos;prev_state == 1&apos;. A field none of the selected event types has is an error that lists the fields they have.</source>
        <translation>字段表达式，例如 &apos;prev_state == 1&apos;。如果所选事件类型都没有某个字段，会报错并列出它们拥有的字段。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The paired calls of a probe (entry with its return), named as the recording or the imported text names it: ts_ns,cpu,pid,comm, the arguments, ret, ret_text, latency_ns, decoded columns, status.</source>
        <translation>探针的配对调用（入口及其返回），探针按录制文件或导入文本中使用的名称指定：ts_ns,cpu,pid,comm、参数、ret、ret_text、latency_ns、解码列、status。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>csv (the default), trace.dat (trace-cmd&apos;s file, for trace-cmd report and KernelShark) or chrome-json (trace events for Perfetto UI and chrome://tracing); the last two write the whole recording.</source>
        <translation>csv（默认）、trace.dat（trace-cmd 的文件格式，用于 trace-cmd report 和 KernelShark）或 chrome-json（用于 Perfetto UI 和 chrome://tracing 的跟踪事件）；后两者写出整个录制文件。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>With --format trace.dat: the file version, 6 or 7 (the default).</source>
        <translation>使用 --format trace.dat 时：文件版本，6 或 7（默认）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>With --format trace.dat version 7: none (the default) or zstd.</source>
        <translation>使用 --format trace.dat 版本 7 时：none（默认）或 zstd。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Output file, - for stdout (CSV only).</source>
        <translation>输出文件，- 表示标准输出（仅限 CSV）。</translation>
    </message>
    <message>
        <location line="+18"/>
        <location filename="../engine/cli/infocommand.cpp" line="+8"/>
        <source>expected one FILE</source>
        <translation>需要一个 FILE</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>-o OUT.csv is required (- for stdout)</source>
        <translation>需要 -o OUT.csv（- 表示标准输出）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>--format: &apos;%1&apos; is not csv, trace.dat or chrome-json</source>
        <translation>--format：“%1”不是 csv、trace.dat 或 chrome-json</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>--%1 applies to --format trace.dat only</source>
        <translation>--%1 仅适用于 --format trace.dat</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>--filter: %1</source>
        <translation>--filter：%1</translation>
    </message>
    <message>
        <location line="-124"/>
        <location line="+7"/>
        <location line="+35"/>
        <location line="+96"/>
        <location line="+6"/>
        <location line="+7"/>
        <location filename="../engine/cli/importcommand.cpp" line="+130"/>
        <location filename="../engine/cli/indexcommand.cpp" line="+81"/>
        <location filename="../engine/cli/infocommand.cpp" line="+6"/>
        <location line="+5"/>
        <location line="+5"/>
        <location filename="../engine/cli/synthcommand.cpp" line="+119"/>
        <source>ftlens-cli: %1</source>
        <translation>ftlens-cli：%1</translation>
    </message>
    <message>
        <source>Imports ftrace text (`cat trace`, `trace_pipe`, the perf-tools scripts&apos; output; function and function_graph output becomes calls) into a recording. INPUT - reads standard input.</source>
        <translation type="vanished">将 ftrace 文本（`cat trace`、`trace_pipe`、perf-tools 脚本的输出；function 和 function_graph 的输出会成为调用）导入为录制文件。INPUT 为 - 时读取标准输入。</translation>
    </message>
    <message>
        <source>The text trace.</source>
        <translation type="vanished">文本跟踪。</translation>
    </message>
    <message>
        <location filename="../engine/cli/importcommand.cpp" line="-37"/>
        <location filename="../engine/cli/synthcommand.cpp" line="-42"/>
        <source>The recording to write.</source>
        <translation>要写入的录制文件。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Print the result as JSON.</source>
        <translation>以 JSON 格式输出结果。</translation>
    </message>
    <message>
        <source>%1: %2 events of %3 types, %4 tasks, %5 CPUs from %6 lines in %7 s%8</source>
        <translation type="vanished">%1：%2 个事件，%3 种类型，%4 个任务，%5 个 CPU，来自 %6 行，用时 %7 秒%8</translation>
    </message>
    <message>
        <location line="-71"/>
        <source>Imports a trace into a recording: a trace.dat (trace-cmd record), ftrace text (`cat trace`, `trace_pipe`, the perf-tools scripts&apos; output, `trace-cmd report` in its layouts; function and function_graph output becomes calls) or `perf script` output. The format is told from the content unless --format names it. INPUT - reads standard input. The recording replaces OUT only once it is complete.</source>
        <translation>将跟踪导入为录制文件：trace.dat（trace-cmd record）、ftrace 文本（`cat trace`、`trace_pipe`、perf-tools 脚本的输出、各种布局的 `trace-cmd report`；function 和 function_graph 输出会成为调用）或 `perf script` 输出。除非用 --format 指定，否则根据内容判断格式。INPUT 为 - 时读取标准输入。录制文件完整后才会替换 OUT。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The trace.</source>
        <translation>跟踪文件。</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>a trace.dat</source>
        <translation>trace.dat 文件</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>%1 lines of %2</source>
        <translation>%2 的 %1 行</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1: %2 events of %3 types, %4 tasks, %5 CPUs from %6 in %7 s%8</source>
        <translation>%1：%2 个事件（%3 种类型），%4 个任务，%5 个 CPU，来自%6，用时 %7 秒%8</translation>
    </message>
    <message>
        <location line="+8"/>
        <source> (put in time order)</source>
        <translation>（已按时间排序）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1: %2 function calls</source>
        <translation>%1：%2 次函数调用</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>warning: %1</source>
        <translation>警告：%1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1: %2 lines not imported (listed in the recording&apos;s import_issue table):</source>
        <translation>%1：%2 行未导入（列于录制文件的 import_issue 表中）：</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1:%2: %3: %4</source>
        <translation>%1:%2：%3：%4</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The input&apos;s format, instead of telling it from the content: %1.</source>
        <translation>输入的格式，而不是根据内容判断：%1。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>ftlens-cli import: %1</source>
        <translation>ftlens-cli import：%1</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>ftlens-cli import: expected INPUT -o OUT.ftlens</source>
        <translation>ftlens-cli import：需要 INPUT -o OUT.ftlens</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>ftlens-cli import: --format: &apos;%1&apos; is not a format (%2)</source>
        <translation>ftlens-cli import：--format：“%1”不是一种格式（%2）</translation>
    </message>
    <message>
        <location filename="../engine/cli/infocommand.cpp" line="-60"/>
        <source>file:        %1</source>
        <translation>文件：      %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>kernel:      %1 (%2), host %3</source>
        <translation>内核：      %1（%2），主机 %3</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>complete:    %1</source>
        <translation>完整：      %1</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>no (recording was interrupted)</source>
        <translation>否（录制被中断）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>cpus:        %1</source>
        <translation>CPU 数：    %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>duration:    %1 s</source>
        <translation>时长：      %1 秒</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>events:      %1</source>
        <translation>事件：      %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>lost events: %1</source>
        <translation>丢失事件：  %1</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>  (WARNING)</source>
        <translation>  （警告）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>             of them %1 for ring-buffer pages the recorder found corrupt and dropped (at least one event each)</source>
        <translation>            其中 %1 个来自录制器发现已损坏并丢弃的环形缓冲区页（每页至少一个事件）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>tasks:       %1</source>
        <translation>任务：      %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>calls:       %1</source>
        <translation>调用次数：  %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>unparsed:    %1 lines%2</source>
        <translation>未解析：    %1 行%2</translation>
    </message>
    <message>
        <location line="+0"/>
        <source> (listed in table import_issue)</source>
        <translation>（列于 import_issue 表中）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>events by type:</source>
        <translation>各类型事件数：</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Prints a summary of a recording.</source>
        <translation>打印录制文件的摘要。</translation>
    </message>
    <message>
        <location line="-6"/>
        <source>Print JSON.</source>
        <translation>输出 JSON。</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>ftlens-cli info: %1</source>
        <translation>ftlens-cli info：%1</translation>
    </message>
    <message>
        <location filename="../engine/cli/synthcommand.cpp" line="-45"/>
        <source>ftlens-cli synth: --%1 must be a whole number from %2 to %3, not &apos;%4&apos;</source>
        <translation>ftlens-cli synth：--%1 必须是 %2 到 %3 之间的整数，而不是“%4”</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Writes a synthetic recording (scheduler slices, wake-ups, openat syscalls, many tasks) for scale work.</source>
        <translation>写入一个合成录制文件（调度片段、唤醒、openat 系统调用、大量任务），用于规模测试。</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Number of events.</source>
        <translation>事件数。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Number of CPUs.</source>
        <translation>CPU 数。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Number of tasks (default 200).</source>
        <translation>任务数（默认 200）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Random seed (default 1).</source>
        <translation>随机种子（默认 1）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stretch or squeeze the recording to this duration (default: as simulated).</source>
        <translation>将录制拉伸或压缩到此时长（默认：按模拟结果）。</translation>
    </message>
    <message>
        <source>Do not build the timeline index (it is then built on first open).</source>
        <translation type="vanished">不构建时间线索引（首次打开时再构建）。</translation>
    </message>
    <message>
        <location line="-20"/>
        <source>%1: %2 events over %3 s of trace in %4 s (%5 events/s), %6 bytes (%7 bytes/event)%8</source>
        <translation>%1：%2 个事件，跟踪时长 %3 秒，用时 %4 秒（%5 事件/秒），%6 字节（%7 字节/事件）%8</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>, timeline index built</source>
        <translation>，已构建时间线索引</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Do not write the timeline index (the first open then builds it into the index cache).</source>
        <translation>不写入时间线索引（首次打开时会将其构建到索引缓存中）。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>ftlens-cli synth: %1</source>
        <translation>ftlens-cli synth：%1</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>ftlens-cli synth: --events N, --cpus C and -o FILE are required</source>
        <translation>ftlens-cli synth：必须提供 --events N、--cpus C 和 -o FILE</translation>
    </message>
    <message>
        <location filename="../engine/cli/indexcommand.cpp" line="-57"/>
        <source>Writes the timeline index and the call index into a recording that lacks them (an older file, one written without them, one whose recording was killed), so that it opens without building anything. Opening such a recording never changes it: the app keeps what it builds in the index cache.</source>
        <translation>将时间线索引和调用索引写入缺少它们的录制文件（较旧的文件、写入时未包含索引的文件、录制过程被终止的文件），使其打开时无需构建任何内容。打开这样的录制文件从不会修改它：应用会将构建的内容保存在索引缓存中。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The recording.</source>
        <translation>录制文件。</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Build into the index cache instead, leaving FILE as it is.</source>
        <translation>改为构建到索引缓存中，保持 FILE 不变。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>ftlens-cli index: %1</source>
        <translation>ftlens-cli index：%1</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>ftlens-cli index: give exactly one FILE</source>
        <translation>ftlens-cli index：请只提供一个 FILE</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>timeline index</source>
        <translation>时间线索引</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>call index</source>
        <translation>调用索引</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>%1: the file holds its indexes already</source>
        <translation>%1：文件中已有索引</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1: indexes in the cache file %2 (%3 s)</source>
        <translation>%1：索引位于缓存文件 %2 中（%3 秒）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1: indexes written into the file, %2 bytes added (%3 s)</source>
        <translation>%1：已将索引写入文件，增加了 %2 字节（%3 秒）</translation>
    </message>
    <message>
        <location filename="../engine/cli/remotecommand.cpp" line="+25"/>
        <source>Talks to ftlens-helper&apos;s service. TARGET: unix:PATH (a running &apos;ftlens-helper serve --unix PATH&apos;) or pkexec (starts &apos;pkexec %1 serve --stdio&apos;; polkit asks for the password).
ACTION:
  caps               the kernel&apos;s capability report (JSON)
  record ARGS        record with the options of &apos;ftlens-helper record&apos; (-e, -f, --uprobe, -p, -P, -d, -b, ...,
                     -- COMMAND), wait for the end (Ctrl-C stops it), then fetch it to -o FILE
                     (default trace.ftlens); the COMMAND runs as you, in this directory
  status             the running recording: time, events, events/s, bytes, lost per CPU
  list               the recordings kept by the helper, one a line, its id first
  fetch ID -o FILE   a recording into FILE (SHA-256 checked; an interrupted fetch resumes)
  delete ID          remove a recording from the helper</source>
        <translation>与 ftlens-helper 的服务通信。TARGET：unix:PATH（正在运行的 &apos;ftlens-helper serve --unix PATH&apos;）或 pkexec（启动 &apos;pkexec %1 serve --stdio&apos;；由 polkit 询问密码）。
ACTION：
  caps               内核的能力报告（JSON）
  record ARGS        使用 &apos;ftlens-helper record&apos; 的选项录制（-e, -f, --uprobe, -p, -P, -d, -b, ...,
                     -- COMMAND），等待结束（Ctrl-C 停止），然后获取到 -o FILE
                     （默认 trace.ftlens）；COMMAND 以你的身份在当前目录中运行
  status             正在进行的录制：时间、事件数、事件/秒、字节数、各 CPU 的丢失数
  list               helper 保存的录制文件，每行一个，ID 在前
  fetch ID -o FILE   将录制文件获取到 FILE（校验 SHA-256；中断的获取可续传）
  delete ID          从 helper 中删除录制文件</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>(ftlens-cli remote --help explains it)</source>
        <translation>（ftlens-cli remote --help 有说明）</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>fetch, record: the local file for the recording.</source>
        <translation>fetch、record：录制文件的本地文件。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>fetch, record: replace FILE if it exists.</source>
        <translation>fetch、record：如果 FILE 已存在则替换它。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>unix:PATH or pkexec</source>
        <translation>unix:PATH 或 pkexec</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>caps, record ARGS, status, list, fetch ID, delete ID</source>
        <translation>caps、record ARGS、status、list、fetch ID、delete ID</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>give a TARGET and an ACTION</source>
        <translation>请提供 TARGET 和 ACTION</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>unknown action &apos;%1&apos;</source>
        <translation>未知操作“%1”</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>%1 takes one recording id</source>
        <translation>%1 需要一个录制文件 ID</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>fetch needs -o FILE</source>
        <translation>fetch 需要 -o FILE</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>unexpected &apos;%1&apos;</source>
        <translation>意外的“%1”</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 exists; give --force to replace it</source>
        <translation>%1 已存在；使用 --force 可替换它</translation>
    </message>
    <message>
        <location filename="../engine/cli/remotesession.cpp" line="+95"/>
        <source>idle: nothing is being recorded</source>
        <translation>空闲：没有正在进行的录制</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>recording %1 since %2: %3 s, %4 events (%5/s), %6 bytes, %7 lost (per CPU: %8)</source>
        <translation>录制 %1 始于 %2：%3 秒，%4 个事件（%5/秒），%6 字节，丢失 %7 个（各 CPU：%8）</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>deleted %1</source>
        <translation>已删除 %1</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>ftlens-cli: %1 events, %2 lost, %3 s</source>
        <translation>ftlens-cli：%1 个事件，丢失 %2 个，%3 秒</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>recording %1: %2 events in %3 s, %4 lost%5</source>
        <translation>录制 %1：%2 个事件，用时 %3 秒，丢失 %4 个%5</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>recording %1 on the helper (Ctrl-C to stop)</source>
        <translation>正在 helper 上录制 %1（按 Ctrl-C 停止）</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>stopping recording %1 ...</source>
        <translation>正在停止录制 %1 ...</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>not waiting any longer; recording %1 stays on the helper</source>
        <translation>不再等待；录制 %1 保留在 helper 上</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>resuming the fetch of %1 after the %2 bytes in %3</source>
        <translation>从 %3 中已有的 %2 字节之后继续获取 %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>ftlens-cli: fetched %1 of %2 MB</source>
        <translation>ftlens-cli：已获取 %1 / %2 MB</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>%1 exists (or cannot be replaced): the recording stays in %2</source>
        <translation>%1 已存在（或无法替换）：录制文件保留在 %2</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>recording %1 fetched into %2 (%3 bytes, SHA-256 %4)</source>
        <translation>录制 %1 已获取到 %2（%3 字节，SHA-256 %4）</translation>
    </message>
</context>
<context>
    <name>Engine</name>
    <message>
        <location filename="../engine/analysis/probecalltable.cpp" line="+185"/>
        <location line="+6"/>
        <source>cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>%1: no probe named &apos;%2&apos; in this recording</source>
        <translation type="vanished">%1：此录制文件中没有名为“%2”的探针</translation>
    </message>
    <message>
        <location filename="../engine/analysis/probecsvexport.cpp" line="+223"/>
        <source>%1: no probe named &apos;%2&apos; in this recording; its probes: %3</source>
        <translation>%1：此录制文件中没有名为“%2”的探针；其中的探针：%3</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>export cancelled</source>
        <translation>导出已取消</translation>
    </message>
    <message>
        <location filename="../engine/analysis/probepairing.cpp" line="+149"/>
        <source>cannot read the probe events</source>
        <translation>无法读取探针事件</translation>
    </message>
    <message>
        <location filename="../engine/import/ftracetextimporter.cpp" line="+147"/>
        <source>not a function_graph line</source>
        <translation>不是 function_graph 行</translation>
    </message>
    <message>
        <location line="+156"/>
        <location filename="../engine/import/tracedatinput.cpp" line="+89"/>
        <location filename="../engine/import/traceimport.cpp" line="+73"/>
        <source>%1: cannot open: %2</source>
        <translation>%1：无法打开：%2</translation>
    </message>
    <message>
        <location line="+2"/>
        <location filename="../engine/import/tracedatinput.cpp" line="+2"/>
        <location filename="../engine/import/traceimport.cpp" line="+3"/>
        <source>%1: the file is empty</source>
        <translation>%1：文件为空</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>%1: nothing to import (no text read)</source>
        <translation>%1：没有可导入的内容（未读到文本）</translation>
    </message>
    <message>
        <location line="+12"/>
        <location line="+28"/>
        <location line="+24"/>
        <location line="+24"/>
        <location filename="../engine/import/tracedatimporter.cpp" line="+179"/>
        <location line="+22"/>
        <source>%1: import cancelled</source>
        <translation>%1：导入已取消</translation>
    </message>
    <message>
        <location line="-73"/>
        <source>%1: no function_graph calls found; line %2: %3</source>
        <translation>%1：未找到 function_graph 调用；第 %2 行：%3</translation>
    </message>
    <message>
        <source>%1: no function_graph calls found; line %2: not a function_graph line</source>
        <translation type="vanished">%1：未找到 function_graph 调用；第 %2 行：不是 function_graph 行</translation>
    </message>
    <message>
        <location filename="../engine/export/chromejsonexporter.cpp" line="+286"/>
        <source>cannot write: %1</source>
        <translation>无法写入：%1</translation>
    </message>
    <message>
        <location line="+28"/>
        <location line="+24"/>
        <location line="+15"/>
        <location filename="../engine/export/ringbufferpages.cpp" line="+59"/>
        <location line="+55"/>
        <location line="+14"/>
        <location filename="../engine/export/scratchtracingdir.cpp" line="+43"/>
        <source>%1: cannot write: %2</source>
        <translation>%1：无法写入：%2</translation>
    </message>
    <message>
        <location line="-11"/>
        <location line="+13"/>
        <location filename="../engine/export/tracedatexporter.cpp" line="+294"/>
        <location line="+12"/>
        <source>%1: export cancelled</source>
        <translation>%1：导出已取消</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 scheduler slices, %2 calls</source>
        <translation>%1 个调度片段，%2 次调用</translation>
    </message>
    <message>
        <location filename="../engine/export/exportformats.cpp" line="+58"/>
        <source>out of memory</source>
        <translation>内存不足</translation>
    </message>
    <message>
        <location line="+127"/>
        <source>cannot describe event type %1 for trace.dat</source>
        <translation>无法为 trace.dat 描述事件类型 %1</translation>
    </message>
    <message>
        <location filename="../engine/export/recordingeventstream.cpp" line="+49"/>
        <source>cannot read the events</source>
        <translation>无法读取事件</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>cannot read the fields of event %1</source>
        <translation>无法读取事件 %1 的字段</translation>
    </message>
    <message>
        <location filename="../engine/export/ringbufferpages.cpp" line="-52"/>
        <source>%1: an event of %2 bytes does not fit a ring-buffer page</source>
        <translation>%1：%2 字节的事件放不进一个环形缓冲区页</translation>
    </message>
    <message>
        <location filename="../engine/export/scratchtracingdir.cpp" line="-4"/>
        <source>%1: cannot create a directory</source>
        <translation>%1：无法创建目录</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>cannot create a scratch directory: %1</source>
        <translation>无法创建临时目录：%1</translation>
    </message>
    <message>
        <location filename="../engine/export/tracedatexporter.cpp" line="-58"/>
        <source>trace.dat version %1: ftlens writes versions 6 and 7</source>
        <translation>trace.dat 版本 %1：ftlens 只写入版本 6 和 7</translation>
    </message>
    <message>
        <location line="+6"/>
        <location filename="../engine/import/tracedatimporter.cpp" line="-24"/>
        <location filename="../engine/import/tracedatinput.cpp" line="+7"/>
        <location line="+11"/>
        <location line="+5"/>
        <location filename="../engine/import/traceimport.cpp" line="+3"/>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <location line="+60"/>
        <source>%1 events were not written (a CPU or time a trace.dat cannot hold)</source>
        <translation>%1 个事件未写入（其 CPU 或时间超出了 trace.dat 所能容纳的范围）</translation>
    </message>
    <message>
        <location filename="../engine/import/tracedatimporter.cpp" line="+29"/>
        <source>%1: %2; the events before the cut are imported</source>
        <translation>%1：%2；截断处之前的事件已导入</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1: %2 event formats could not be parsed; their events are counted as unknown</source>
        <translation>%1：%2 个事件格式无法解析；其事件计为未知事件</translation>
    </message>
    <message>
        <location filename="../engine/import/tracedatinput.cpp" line="-78"/>
        <location line="+18"/>
        <source>cannot write a readable copy of the cut file in %1: %2</source>
        <translation>无法在 %1 中写入被截断文件的可读副本：%2</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>%1: cannot read: %2</source>
        <translation>%1：无法读取：%2</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1: this trace.dat holds a latency tracer&apos;s text, not CPU data: import the text of `trace-cmd report` on it instead</source>
        <translation>%1：此 trace.dat 包含的是延迟跟踪器的文本，而不是 CPU 数据：请改为导入对其运行 `trace-cmd report` 得到的文本</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>libtracecmd cannot read it (version %1)</source>
        <translation>libtracecmd 无法读取它（版本 %1）</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>libtracecmd cannot read buffer &apos;%1&apos;</source>
        <translation>libtracecmd 无法读取缓冲区“%1”</translation>
    </message>
    <message>
        <location filename="../engine/import/tracedatlayout.cpp" line="+29"/>
        <source>malformed at byte %1: %2</source>
        <translation>在字节 %1 处格式错误：%2</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>the file ends at byte %1, inside %2; it was cut before any event data</source>
        <translation>文件在字节 %1 处结束，位于%2内；它在任何事件数据之前就被截断了</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>the file has no CPU data</source>
        <translation>文件没有 CPU 数据</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>not a trace.dat (it does not start with trace-cmd&apos;s \x17\x08Dtracing)</source>
        <translation>不是 trace.dat（不是以 trace-cmd 的 \x17\x08Dtracing 开头）</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+7"/>
        <location line="+9"/>
        <location filename="../engine/import/tracedatsections.cpp" line="+185"/>
        <source>the file header</source>
        <translation>文件头</translation>
    </message>
    <message>
        <location line="-14"/>
        <source>trace.dat version %1 is not supported (ftlens reads versions 6 and 7)</source>
        <translation>不支持 trace.dat 版本 %1（ftlens 读取版本 6 和 7）</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>byte order %1 is neither 0 (little endian) nor 1 (big endian)</source>
        <translation>字节序 %1 既不是 0（小端）也不是 1（大端）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the size of a long is %1 bytes (4 or 8 expected)</source>
        <translation>long 的大小为 %1 字节（应为 4 或 8）</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>page size %1 is not a power of two from 1 KiB to 16 MiB</source>
        <translation>页大小 %1 不是 1 KiB 到 16 MiB 之间的 2 的幂</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>the ring-buffer headers (header_page, header_event)</source>
        <translation>环形缓冲区头（header_page、header_event）</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+14"/>
        <source>%1 ends early</source>
        <translation>%1 提前结束</translation>
    </message>
    <message>
        <location line="-12"/>
        <source>%1 expected</source>
        <translation>需要 %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <location filename="../engine/import/tracedatsections.cpp" line="-64"/>
        <source>%1 runs past its section</source>
        <translation>%1 超出了其所在的节</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>%1 (format %2 of %3)</source>
        <translation>%1（第 %2 个格式，共 %3 个）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>format %1 of %2 in %3 runs past its section</source>
        <translation>%3 中的第 %1 个格式（共 %2 个）超出了其所在的节</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>the event formats</source>
        <translation>事件格式</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>the event formats end early</source>
        <translation>事件格式提前结束</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>the event formats (system %1 of %2)</source>
        <translation>事件格式（第 %1 个系统，共 %2 个）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the name of event system %1 of %2 does not end</source>
        <translation>第 %1 个事件系统（共 %2 个）的名称没有结束</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the formats of event system %1</source>
        <translation>事件系统 %1 的格式</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>the table of CPU data of buffer %1</source>
        <translation>缓冲区 %1 的 CPU 数据表</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>(top)</source>
        <translation>（顶层）</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>the ftrace event formats</source>
        <translation>ftrace 事件格式</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>the kernel symbols (kallsyms)</source>
        <translation>内核符号（kallsyms）</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>the printk formats</source>
        <translation>printk 格式</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the task names (saved_cmdlines)</source>
        <translation>任务名（saved_cmdlines）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>the CPU count</source>
        <translation>CPU 数</translation>
    </message>
    <message>
        <location line="+4"/>
        <location filename="../engine/import/tracedatoptions.cpp" line="+33"/>
        <source>the options</source>
        <translation>选项</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>the CPU data table</source>
        <translation>CPU 数据表</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 CPUs (1 to %2 expected)</source>
        <translation>%1 个 CPU（应为 1 到 %2 个）</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>neither flyrecord nor latency data follows the options</source>
        <translation>选项之后既没有 flyrecord 数据，也没有延迟数据</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>the CPU data table of buffer %1</source>
        <translation>缓冲区 %1 的 CPU 数据表</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>buffer %1 does not point at flyrecord data</source>
        <translation>缓冲区 %1 没有指向 flyrecord 数据</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>CPU %1</source>
        <translation>CPU %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>CPU %1 of buffer %2</source>
        <translation>缓冲区 %2 的 CPU %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 has %2 of its %3 bytes (from byte %4; whole %5-byte pages only)</source>
        <translation>%1 只有其 %3 字节中的 %2 字节（从字节 %4 起；只计完整的 %5 字节页）</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>the file ends at byte %1, inside the CPU data: %2</source>
        <translation>文件在字节 %1 处结束，位于 CPU 数据内：%2</translation>
    </message>
    <message>
        <location filename="../engine/import/tracedatoptions.cpp" line="+0"/>
        <source>the option section ends without its last option</source>
        <translation>选项节在其最后一个选项之前就结束了</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>the options (option %1 at byte %2)</source>
        <translation>选项（位于字节 %2 的第 %1 个选项）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>option %1 of %2 bytes runs past its section</source>
        <translation>%2 字节的选项 %1 超出了其所在的节</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>option %1 is not a terminated string</source>
        <translation>选项 %1 不是以空字符结尾的字符串</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>an empty CPU statistics option</source>
        <translation>空的 CPU 统计选项</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>the CPU count option does not hold 1 to %1 CPUs</source>
        <translation>CPU 数选项的值不在 1 到 %1 个 CPU 之间</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>the last option of a section does not say where the next section is</source>
        <translation>节的最后一个选项没有指明下一节的位置</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>a buffer option without its offset and name</source>
        <translation>缺少偏移和名称的缓冲区选项</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>buffer %1 has no clock</source>
        <translation>缓冲区 %1 没有时钟</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>buffer %1 does not hold the table of its CPUs</source>
        <translation>缓冲区 %1 不包含其 CPU 表</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>buffer %1 has pages of %2 bytes, the file %3</source>
        <translation>缓冲区 %1 的页大小为 %2 字节，而文件的为 %3</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>buffer %1 names CPU %2</source>
        <translation>缓冲区 %1 引用了 CPU %2</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>buffer %1 lists CPU %2 twice</source>
        <translation>缓冲区 %1 两次列出 CPU %2</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>a second top buffer</source>
        <translation>第二个顶层缓冲区</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>the time shift option&apos;s CPU count does not fit it</source>
        <translation>时间偏移选项的 CPU 数与其大小不符</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>the time shift option&apos;s samples of CPU %1 do not fit it</source>
        <translation>时间偏移选项中 CPU %1 的样本与其大小不符</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>the guest option does not hold its vCPUs</source>
        <translation>guest 选项不包含其 vCPU</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>the guest option names vCPU %1 of %2</source>
        <translation>guest 选项引用了 vCPU %1（共 %2 个）</translation>
    </message>
    <message>
        <location filename="../engine/import/tracedatsections.cpp" line="-59"/>
        <source>the compressed block of %1 runs past its section</source>
        <translation>%1 的压缩块超出了其所在的节</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 claims %2 bytes from %3 compressed ones</source>
        <translation>%1 声称由 %3 字节压缩数据得到 %2 字节</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>%1 does not decompress (%2) to its %3 bytes</source>
        <translation>%1 无法解压（%2）为其 %3 字节</translation>
    </message>
    <message>
        <location line="+7"/>
        <location line="+50"/>
        <source>the file ends at byte %1, before %2 (at byte %3)</source>
        <translation>文件在字节 %1 处结束，早于%2（位于字节 %3）</translation>
    </message>
    <message>
        <location line="-42"/>
        <location line="+48"/>
        <source>%1 expected, section %2 found</source>
        <translation>需要 %1，但找到了节 %2</translation>
    </message>
    <message>
        <location line="-45"/>
        <source>the file ends at byte %1, inside %2 (bytes %3 to %4)</source>
        <translation>文件在字节 %1 处结束，位于%2内（字节 %3 到 %4）</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>the CPU data</source>
        <translation>CPU 数据</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>the CPU data of buffer &apos;%1&apos;</source>
        <translation>缓冲区“%1”的 CPU 数据</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>the file ends at byte %1, inside the compressed data of CPU %2 (%3); compressed data cannot be read in part</source>
        <translation>文件在字节 %1 处结束，位于 CPU %2 的压缩数据内（%3）；压缩数据无法部分读取</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>CPU %1 in %2: %3 chunks do not fit its data</source>
        <translation>%2 中的 CPU %1：%3 个块与其数据不符</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>chunk %1 of CPU %2 in %3 runs past its data</source>
        <translation>%3 中 CPU %2 的块 %1 超出了其数据</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>chunk %1 of CPU %2 claims %3 bytes from %4</source>
        <translation>CPU %2 的块 %1 声称由 %4 字节得到 %3 字节</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>compression %1 is not supported (zstd and zlib are)</source>
        <translation>不支持压缩方式 %1（支持 zstd 和 zlib）</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>the chain of option sections comes back to this one</source>
        <translation>选项节链又回到了这一节</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>the options do not say where the CPU data is (no top buffer option): the file may have been cut before its last option section</source>
        <translation>选项没有指明 CPU 数据的位置（没有顶层缓冲区选项）：文件可能在最后一个选项节之前被截断</translation>
    </message>
    <message>
        <location filename="../engine/import/traceimport.cpp" line="-25"/>
        <location line="+6"/>
        <source>cannot keep standard input beside %1: %2</source>
        <translation>无法在 %1 旁保存标准输入：%2</translation>
    </message>
    <message>
        <location line="+79"/>
        <source>a perf.data file: import the text of `perf script -i FILE` instead</source>
        <translation>perf.data 文件：请改为导入 `perf script -i FILE` 的文本</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>an SQLite database (an ftlens recording opens with File &gt; Open or as it is)</source>
        <translation>SQLite 数据库（ftlens 录制文件可通过 文件 &gt; 打开 直接打开）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>binary data, neither a trace.dat nor a text trace</source>
        <translation>二进制数据，既不是 trace.dat 也不是文本跟踪</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>text without a trace line in its first 64 KiB (neither ftrace, trace-cmd report nor perf script)</source>
        <translation>前 64 KiB 中没有跟踪行的文本（既不是 ftrace、trace-cmd report，也不是 perf script）</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>a trace.dat (trace-cmd record&apos;s file)</source>
        <translation>trace.dat（trace-cmd record 的文件）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>perf script output</source>
        <translation>perf script 输出</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>ftrace text (cat trace, trace_pipe or trace-cmd report)</source>
        <translation>ftrace 文本（cat trace、trace_pipe 或 trace-cmd report）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>a trace</source>
        <translation>跟踪</translation>
    </message>
</context>
<context>
    <name>Gui</name>
    <message>
        <location filename="../gui/events/eventrowsource.cpp" line="+101"/>
        <source>cancelled</source>
        <translation>已取消</translation>
    </message>
</context>
<context>
    <name>Gui::AppOptions</name>
    <message>
        <location filename="../gui/app/appoptions.cpp" line="+49"/>
        <source>ftlens: timeline analyzer for ftrace recordings. Without FILE, opens the bundled demo recording.</source>
        <translation>ftlens：ftrace 录制文件的时间线分析器。未指定 FILE 时打开自带的演示录制文件。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Render the window once FILE is loaded, save it to OUT.png and exit.</source>
        <translation>FILE 加载完成后渲染窗口，保存为 OUT.png 并退出。</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>OUT.png</source>
        <translation>OUT.png</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Window size for --screenshot (default 1600x1000).</source>
        <translation>--screenshot 的窗口大小（默认 1600x1000）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>WxH</source>
        <translation>宽x高</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Open FILE, paint, run 200 scripted zoom/pan steps and print timings as one JSON line.</source>
        <translation>打开 FILE，绘制，执行 200 步脚本化的缩放/平移，并以一行 JSON 输出计时。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Time range for --screenshot, in ns from the recording&apos;s start (default: all).</source>
        <translation>--screenshot 的时间范围，以距录制开始的纳秒数表示（默认：全部）。</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>FROM:TO</source>
        <translation>起:止</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>For --bench: how long a step waits for the timeline&apos;s data (default 5000). A step whose data comes later is not timed; it is counted in &quot;timeouts&quot; and the exit code is 3.</source>
        <translation>用于 --bench：每一步等待时间线数据的时长（默认 5000）。数据晚于此时间到达的步骤不计时；它会计入 &quot;timeouts&quot;，且退出码为 3。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>MS</source>
        <translation>MS</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>FILE</source>
        <translation>FILE</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Recordings (.ftlens) to open.</source>
        <translation>要打开的录制文件（.ftlens）。</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>[FILE...]</source>
        <translation>[FILE...]</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>--size wants WIDTHxHEIGHT, e.g. 1600x1000, not “%1”</source>
        <translation>--size 需要 宽x高，例如 1600x1000，而不是“%1”</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>--range wants FROM:TO in ns with FROM &lt; TO, not “%1”</source>
        <translation>--range 需要以纳秒表示的 起:止，且起 &lt; 止，而不是“%1”</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>--bench-timeout wants a number of ms (0 or more) and --bench, not “%1”</source>
        <translation>--bench-timeout 需要与 --bench 一起使用，且其值须为以 ms 为单位的数（0 或以上），而不是“%1”</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>--screenshot and --bench cannot be combined</source>
        <translation>--screenshot 与 --bench 不能同时使用</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>--screenshot and --bench take one FILE</source>
        <translation>--screenshot 和 --bench 只接受一个 FILE</translation>
    </message>
</context>
<context>
    <name>Gui::BenchMode</name>
    <message>
        <location filename="../gui/app/benchmode.cpp" line="+107"/>
        <source>the recording did not open in time</source>
        <translation>录制文件未能按时打开</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the timeline had no data %1 s after the recording opened</source>
        <translation>录制文件打开 %1 秒后，时间线仍没有数据</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>no timeline to measure</source>
        <translation>没有可测量的时间线</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>%1 of %2 steps got no timeline data within %3 ms: not timed, not in the frame figures</source>
        <translation>%2 步中有 %1 步在 %3 ms 内未获得时间线数据：这些步骤未计时，也不计入帧统计</translation>
    </message>
</context>
<context>
    <name>Gui::BusyIndicator</name>
    <message>
        <location filename="../gui/calls/busyindicator.cpp" line="+20"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>Gui::CallGraphPanel</name>
    <message>
        <location filename="../gui/calls/callgraphpanel.cpp" line="+50"/>
        <location line="+119"/>
        <location line="+25"/>
        <source>No recording.</source>
        <translation>没有录制文件。</translation>
    </message>
    <message>
        <location line="-136"/>
        <source>Top-down</source>
        <translation>自顶向下</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Bottom-up (callers)</source>
        <translation>自底向上（调用者）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Top-down: callees under their callers. Bottom-up: each function&apos;s self time, split by the callers it was reached through.</source>
        <translation>自顶向下：被调用者位于其调用者之下。自底向上：每个函数的自身时间，按到达它的调用者拆分。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Find function…</source>
        <translation>查找函数…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Highlights functions whose name contains the text; Enter jumps to the next, Shift+Enter to the previous</source>
        <translation>高亮名称包含该文本的函数；按 Enter 跳到下一个，按 Shift+Enter 跳到上一个</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Only matches</source>
        <translation>仅匹配项</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show only the paths through matching functions</source>
        <translation>仅显示经过匹配函数的路径</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Previous match (Shift+Enter)</source>
        <translation>上一个匹配（Shift+Enter）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Next match (Enter)</source>
        <translation>下一个匹配（Enter）</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+307"/>
        <source>Expand Hot Path</source>
        <translation>展开热路径</translation>
    </message>
    <message>
        <location line="-306"/>
        <source>Opens the path of the most expensive child at each level below the selected node</source>
        <translation>在所选节点以下的每一层展开开销最大的子节点所在的路径</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Export CSV…</source>
        <translation>导出 CSV…</translation>
    </message>
    <message>
        <location line="+96"/>
        <source>Loading the function calls was cancelled; open the recording again to load them.</source>
        <translation>函数调用的加载已取消；请重新打开录制文件以加载它们。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Loading cancelled; the tree shows the previous scope.</source>
        <translation>加载已取消；树中显示的是之前的范围。</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>Loading calls…</source>
        <translation>正在加载调用…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Building the call tree…</source>
        <translation>正在构建调用树…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Loading function calls…</source>
        <translation>正在加载函数调用…</translation>
    </message>
    <message numerus="yes">
        <location line="+76"/>
        <source>%1 calls in %2 · %n call path(s)</source>
        <translation>
            <numerusform>%2中共 %1 次调用 · %n 条调用路径</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source> · %n match(es)</source>
        <translation>
            <numerusform> · %n 个匹配</numerusform>
        </translation>
    </message>
    <message>
        <location line="+91"/>
        <source>Expand All Below</source>
        <translation>展开下方全部</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Collapse All</source>
        <translation>全部折叠</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Show in Flame Graph</source>
        <translation>在火焰图中显示</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Copy Function Name</source>
        <translation>复制函数名</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Export Call Tree</source>
        <translation>导出调用树</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>CSV files (*.csv);;All files (*)</source>
        <translation>CSV 文件 (*.csv);;所有文件 (*)</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Nothing to export.</source>
        <translation>没有可导出的内容。</translation>
    </message>
    <message numerus="yes">
        <location line="+9"/>
        <source>%n row(s) written to %1</source>
        <translation>
            <numerusform>已将 %n 行写入 %1</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cannot export the call tree to %1: %2</source>
        <translation>无法将调用树导出到 %1：%2</translation>
    </message>
</context>
<context>
    <name>Gui::CallScopeBar</name>
    <message>
        <location filename="../gui/calls/callscopebar.cpp" line="+20"/>
        <source>Whole recording</source>
        <translation>整个录制</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Task</source>
        <translation>任务</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>CPU</source>
        <translation>CPU</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Selected range</source>
        <translation>所选范围</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Which calls to show; the selected range follows the timeline&apos;s selection (shift-drag)</source>
        <translation>要显示哪些调用；所选范围跟随时间线上的选择（Shift+拖动）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Scope:</source>
        <translation>范围：</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>CPU %1</source>
        <translation>CPU %1</translation>
    </message>
</context>
<context>
    <name>Gui::CallSource</name>
    <message>
        <location filename="../gui/calls/callsource.cpp" line="+144"/>
        <source>task %1-%2</source>
        <translation>任务 %1-%2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>task %1</source>
        <translation>任务 %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>CPU %1</source>
        <translation>CPU %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>selected range</source>
        <translation>所选范围</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>whole recording (no range selected)</source>
        <translation>整个录制（未选择范围）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>whole recording</source>
        <translation>整个录制</translation>
    </message>
    <message>
        <location line="+77"/>
        <source>Cannot read the function calls of %1: %2</source>
        <translation>无法读取%1的函数调用：%2</translation>
    </message>
</context>
<context>
    <name>Gui::CallText</name>
    <message>
        <location filename="../gui/calls/calltext.cpp" line="+24"/>
        <source>No function calls in this recording — record with -p function_graph or import function_graph text.</source>
        <translation>此录制文件中没有函数调用——请使用 -p function_graph 录制，或导入 function_graph 文本。</translation>
    </message>
</context>
<context>
    <name>Gui::CallTreeCsv</name>
    <message>
        <location filename="../gui/calls/calltreecsv.cpp" line="+59"/>
        <source>export cancelled</source>
        <translation>导出已取消</translation>
    </message>
</context>
<context>
    <name>Gui::CallTreeData</name>
    <message>
        <location filename="../gui/calls/calltreedata.cpp" line="+36"/>
        <source>all calls</source>
        <translation>所有调用</translation>
    </message>
</context>
<context>
    <name>Gui::CallTreeModel</name>
    <message>
        <location filename="../gui/calls/calltreemodel.cpp" line="+273"/>
        <source>Function</source>
        <translation>函数</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Calls</source>
        <translation>调用次数</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Total</source>
        <translation>总计</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Self</source>
        <translation>自身</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Average</source>
        <translation>平均</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Max</source>
        <translation>最大</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Time in the function itself, without the functions it called</source>
        <translation>函数自身所用的时间，不含其调用的函数</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Total over the calls whose exit was recorded</source>
        <translation>已记录退出的调用的总计</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>%1 calls, %2 of them without a recorded exit (not in the times)</source>
        <translation>%1 次调用，其中 %2 次没有记录到退出（不计入时间）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1
%2 of all calls&apos; time</source>
        <translation>%1
占所有调用时间的 %2</translation>
    </message>
</context>
<context>
    <name>Gui::CheckListButton</name>
    <message>
        <location filename="../gui/events/checklistbutton.cpp" line="+20"/>
        <source>All</source>
        <translation>全部</translation>
    </message>
    <message>
        <location line="+47"/>
        <source>%1: all</source>
        <translation>%1：全部</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n selected</source>
        <translation>
            <numerusform>已选 %n 项</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Gui::ErrorDialog</name>
    <message>
        <location filename="../gui/app/errordialog.cpp" line="+22"/>
        <source>Cannot Open Recording</source>
        <translation>无法打开录制文件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cannot open the recording “%1”.</source>
        <translation>无法打开录制文件“%1”。</translation>
    </message>
</context>
<context>
    <name>Gui::EventTableModel</name>
    <message>
        <location filename="../gui/events/eventtablemodel.cpp" line="+117"/>
        <source>Time (s)</source>
        <translation>时间（秒）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>CPU</source>
        <translation>CPU</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Task</source>
        <translation>任务</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Event</source>
        <translation>事件</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Fields</source>
        <translation>字段</translation>
    </message>
    <message>
        <location line="+47"/>
        <source>loading…</source>
        <translation>加载中…</translation>
    </message>
</context>
<context>
    <name>Gui::EventsPanel</name>
    <message>
        <location filename="../gui/events/eventspanel.cpp" line="+55"/>
        <source>CPU</source>
        <translation>CPU</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Events</source>
        <translation>事件</translation>
    </message>
    <message numerus="yes">
        <location line="+24"/>
        <source>%n events</source>
        <translation>
            <numerusform>%n 个事件</numerusform>
        </translation>
    </message>
    <message>
        <location line="+7"/>
        <source>“%1” not found</source>
        <translation>未找到“%1”</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>PIDs</source>
        <translation>PID</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Only these tasks: process ids separated by spaces or commas</source>
        <translation>仅这些任务：以空格或逗号分隔的进程 ID</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Filter, e.g. prev_state == 1 &amp;&amp; next_comm ~ &quot;kworker*&quot;</source>
        <translation>过滤，例如 prev_state == 1 &amp;&amp; next_comm ~ &quot;kworker*&quot;</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Search task or fields</source>
        <translation>搜索任务或字段</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Previous</source>
        <translation>上一个</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Next</source>
        <translation>下一个</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <location line="+49"/>
        <location line="+82"/>
        <source>counting…</source>
        <translation>计数中…</translation>
    </message>
    <message>
        <location line="-43"/>
        <source>PIDs: &apos;%1&apos; is not a process id</source>
        <translation>PID：“%1”不是进程 ID</translation>
    </message>
    <message>
        <location line="+7"/>
        <location line="+5"/>
        <source>Filter: %1</source>
        <translation>过滤：%1</translation>
    </message>
    <message>
        <location line="+112"/>
        <source>Export events as CSV</source>
        <translation>将事件导出为 CSV</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>CSV files (*.csv);;All files (*)</source>
        <translation>CSV 文件 (*.csv);;所有文件 (*)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>No recording is open.</source>
        <translation>没有打开的录制文件。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Exporting events to %1…</source>
        <translation>正在将事件导出到 %1…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>export cancelled</source>
        <translation>导出已取消</translation>
    </message>
</context>
<context>
    <name>Gui::ExportCommand</name>
    <message>
        <location filename="../gui/app/exportcommand.cpp" line="+25"/>
        <source>Export as trace.dat</source>
        <translation>导出为 trace.dat</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Export as Chrome/Perfetto JSON</source>
        <translation>导出为 Chrome/Perfetto JSON</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>trace-cmd files (*.dat);;All files (*)</source>
        <translation>trace-cmd 文件 (*.dat);;所有文件 (*)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>JSON trace events (*.json);;All files (*)</source>
        <translation>JSON 跟踪事件 (*.json);;所有文件 (*)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Exporting to %1…</source>
        <translation>正在导出到 %1…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+14"/>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Wrote %1 events to “%2”.</source>
        <translation>已将 %1 个事件写入“%2”。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Cannot Export</source>
        <translation>无法导出</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cannot write “%1”.</source>
        <translation>无法写入“%1”。</translation>
    </message>
</context>
<context>
    <name>Gui::ExportJob</name>
    <message>
        <location filename="../gui/app/exportjob.cpp" line="+67"/>
        <source>%1: the export stopped without a result</source>
        <translation>%1：导出已停止，没有结果</translation>
    </message>
</context>
<context>
    <name>Gui::FlameGraphWidget</name>
    <message numerus="yes">
        <location filename="../gui/calls/flamegraphwidget.cpp" line="+256"/>
        <source>%n function(s) too narrow to show: %1, %2 of all.&lt;br&gt;Click to zoom into their caller.</source>
        <translation>
            <numerusform>%n 个函数太窄，无法显示：%1，占全部的 %2。&lt;br&gt;单击可缩放到其调用者。</numerusform>
        </translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Calls: %1</source>
        <translation>调用次数：%1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source> (%1 without a recorded exit)</source>
        <translation> （%1 次没有记录到退出）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Total: %1 (%2 of all)</source>
        <translation>总计：%1（占全部的 %2）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 of %2</source>
        <translation>占 %2 的 %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Self: %1</source>
        <translation>自身：%1</translation>
    </message>
</context>
<context>
    <name>Gui::FunctionStatsModel</name>
    <message>
        <location filename="../gui/calls/functionstatsmodel.cpp" line="+133"/>
        <source>Function</source>
        <translation>函数</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Calls</source>
        <translation>调用次数</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Total</source>
        <translation>总计</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Self</source>
        <translation>自身</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Average</source>
        <translation>平均</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Min</source>
        <translation>最小</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Max</source>
        <translation>最大</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Unfinished</source>
        <translation>未结束</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Recursive calls are counted once, by their outermost call</source>
        <translation>递归调用只按其最外层调用计数一次</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Calls whose exit was not recorded: not in the times</source>
        <translation>未记录到退出的调用：不计入时间</translation>
    </message>
</context>
<context>
    <name>Gui::FunctionsPanel</name>
    <message>
        <location filename="../gui/calls/functionspanel.cpp" line="+43"/>
        <location line="+77"/>
        <source>No recording.</source>
        <translation>没有录制文件。</translation>
    </message>
    <message>
        <location line="-69"/>
        <source>Filter functions…</source>
        <translation>过滤函数…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Export CSV…</source>
        <translation>导出 CSV…</translation>
    </message>
    <message>
        <location line="+16"/>
        <location line="+229"/>
        <source>call duration (logarithmic buckets)</source>
        <translation>调用时长（对数分桶）</translation>
    </message>
    <message>
        <location line="-228"/>
        <source>calls</source>
        <translation>调用次数</translation>
    </message>
    <message>
        <location line="+55"/>
        <source>Loading the function calls was cancelled; open the recording again to load them.</source>
        <translation>函数调用的加载已取消；请重新打开录制文件以加载它们。</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Loading calls…</source>
        <translation>正在加载调用…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Computing statistics…</source>
        <translation>正在计算统计…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Loading function calls…</source>
        <translation>正在加载函数调用…</translation>
    </message>
    <message numerus="yes">
        <location line="+60"/>
        <source>%1 of %n function(s) shown · %2 calls in %3</source>
        <translation>
            <numerusform>显示 %n 个函数中的 %1 个 · %3中共 %2 次调用</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+84"/>
        <source>duration of %n call(s) of %1</source>
        <translation>
            <numerusform>%1 的 %n 次调用的时长</numerusform>
        </translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Export Function Statistics</source>
        <translation>导出函数统计</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>CSV files (*.csv);;All files (*)</source>
        <translation>CSV 文件 (*.csv);;所有文件 (*)</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Nothing to export.</source>
        <translation>没有可导出的内容。</translation>
    </message>
    <message numerus="yes">
        <location line="+8"/>
        <source>%n row(s) written to %1</source>
        <translation>
            <numerusform>已将 %n 行写入 %1</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cannot export the function statistics to %1: %2</source>
        <translation>无法将函数统计导出到 %1：%2</translation>
    </message>
</context>
<context>
    <name>Gui::ImportCommand</name>
    <message>
        <source>Import Trace Text</source>
        <translation type="vanished">导入跟踪文本</translation>
    </message>
    <message>
        <source>Trace text (*.txt *.trace *.log);;All files (*)</source>
        <translation type="vanished">跟踪文本 (*.txt *.trace *.log);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../gui/app/importcommand.cpp" line="+34"/>
        <location line="+16"/>
        <source>Import Trace</source>
        <translation>导入跟踪</translation>
    </message>
    <message>
        <location line="-15"/>
        <source>Traces (*.dat *.txt *.trace *.log *.perf);;All files (*)</source>
        <translation>跟踪文件 (*.dat *.txt *.trace *.log *.perf);;所有文件 (*)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Save the Imported Recording As</source>
        <translation>将导入的录制文件另存为</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ftlens recordings (*.ftlens);;All files (*)</source>
        <translation>ftlens 录制文件 (*.ftlens);;所有文件 (*)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>“%1” is %2, not an ftlens recording.</source>
        <translation>“%1”是%2，不是 ftlens 录制文件。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Import it into a recording? Nothing is written over it.</source>
        <translation>要将其导入为录制文件吗？不会覆盖原文件。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Import…</source>
        <translation>导入…</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>%1: the recording would replace the text it is imported from; choose another file for it</source>
        <translation>%1：录制文件会覆盖其导入来源的文本；请为它选择其他文件</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Importing %1…</source>
        <translation>正在导入 %1…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Cannot Import Trace</source>
        <translation>无法导入跟踪</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cannot import “%1”.</source>
        <translation>无法导入“%1”。</translation>
    </message>
</context>
<context>
    <name>Gui::ImportJob</name>
    <message>
        <source>%1: cannot replace the existing file</source>
        <translation type="vanished">%1：无法替换现有文件</translation>
    </message>
    <message>
        <source>%1: cannot write the recording: %2</source>
        <translation type="vanished">%1：无法写入录制文件：%2</translation>
    </message>
    <message>
        <location filename="../gui/app/importjob.cpp" line="+44"/>
        <source>%1: import cancelled</source>
        <translation>%1：导入已取消</translation>
    </message>
    <message>
        <location line="+64"/>
        <source>%1: the import stopped without a result</source>
        <translation>%1：导入已停止，没有结果</translation>
    </message>
</context>
<context>
    <name>Gui::MainWindow</name>
    <message>
        <location filename="../gui/app/mainwindow.cpp" line="+43"/>
        <location line="+100"/>
        <source>ftlens</source>
        <translation>ftlens</translation>
    </message>
    <message>
        <location line="-96"/>
        <source>Events</source>
        <translation>事件</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Statistics</source>
        <translation>统计</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Probe Arguments</source>
        <translation>探针参数</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Call Graph</source>
        <translation>调用图</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Functions</source>
        <translation>函数</translation>
    </message>
    <message>
        <location line="+52"/>
        <source>Indexes written into %1: it now opens without building them</source>
        <translation>已将索引写入 %1：现在打开它无需构建索引</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 already holds its indexes</source>
        <translation>%1 已包含其索引</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>%1 — ftlens</source>
        <translation>%1 — ftlens</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>Open Recording</source>
        <translation>打开录制文件</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>ftlens recordings (*.ftlens);;Traces to import (*.dat *.txt *.trace *.log *.perf);;All files (*)</source>
        <translation>ftlens 录制文件 (*.ftlens);;可导入的跟踪 (*.dat *.txt *.trace *.log *.perf);;所有文件 (*)</translation>
    </message>
    <message>
        <source>ftlens recordings (*.ftlens);;All files (*)</source>
        <translation type="vanished">ftlens 录制文件 (*.ftlens);;所有文件 (*)</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>About ftlens</source>
        <translation>关于 ftlens</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&lt;b&gt;ftlens %1&lt;/b&gt;&lt;br&gt;A trace recorder and timeline analyzer for Linux ftrace.&lt;br&gt;License: GPL-3.0-or-later.</source>
        <translation>&lt;b&gt;ftlens %1&lt;/b&gt;&lt;br&gt;Linux ftrace 的跟踪录制器与时间线分析器。&lt;br&gt;许可证：GPL-3.0-or-later。</translation>
    </message>
</context>
<context>
    <name>Gui::OptimizeCommand</name>
    <message>
        <location filename="../gui/app/optimizecommand.cpp" line="+47"/>
        <source>Writing the indexes into %1…</source>
        <translation>正在将索引写入 %1…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Optimize</source>
        <translation>优化</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Cannot Optimize</source>
        <translation>无法优化</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cannot write the indexes into “%1”.</source>
        <translation>无法将索引写入“%1”。</translation>
    </message>
</context>
<context>
    <name>Gui::ProbeTablePanel</name>
    <message>
        <location filename="../gui/probes/probetablepanel.cpp" line="+112"/>
        <source>path glob, e.g. /etc/*</source>
        <translation>路径通配符，例如 /etc/*</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Failed only</source>
        <translation>仅失败的</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>PID</source>
        <translation>PID</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>task name</source>
        <translation>任务名</translation>
    </message>
    <message>
        <location line="+3"/>
        <source> µs</source>
        <translation> 微秒</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>latency ≥ </source>
        <translation>延迟 ≥ </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No grouping</source>
        <translation>不分组</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Group by path</source>
        <translation>按路径分组</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Group by task</source>
        <translation>按任务分组</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Group by return</source>
        <translation>按返回值分组</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>latency (µs)</source>
        <translation>延迟（微秒）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>calls</source>
        <translation>调用次数</translation>
    </message>
    <message>
        <location line="+66"/>
        <source>This recording has no kprobes or uprobes.</source>
        <translation>此录制文件没有 kprobe 或 uprobe。</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Loading %1…</source>
        <translation>正在加载 %1…</translation>
    </message>
    <message numerus="yes">
        <location line="+152"/>
        <source>%n group(s)</source>
        <translation>
            <numerusform>%n 个分组</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+0"/>
        <source>%n call(s) of %1</source>
        <translation>
            <numerusform>%1 的 %n 次调用</numerusform>
        </translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Nothing to export.</source>
        <translation>没有可导出的内容。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>%1 rows written to %2</source>
        <translation>已将 %1 行写入 %2</translation>
    </message>
</context>
<context>
    <name>Gui::RecentFilesMenu</name>
    <message>
        <location filename="../gui/app/recentfilesmenu.cpp" line="+12"/>
        <source>Open &amp;Recent</source>
        <translation>最近打开(&amp;R)</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>No recent files</source>
        <translation>没有最近的文件</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Clear List</source>
        <translation>清除列表(&amp;C)</translation>
    </message>
</context>
<context>
    <name>Gui::RecordingStatusBar</name>
    <message>
        <location filename="../gui/app/recordingstatusbar.cpp" line="+40"/>
        <source>No recording open</source>
        <translation>没有打开的录制文件</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Duration: %1</source>
        <translation>时长：%1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Events: %1</source>
        <translation>事件：%1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>CPUs: %1</source>
        <translation>CPU：%1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Lost events: %1</source>
        <translation>丢失事件：%1</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>The kernel&apos;s ring buffers overflowed during the recording: %1 events were dropped and are missing from the timeline and the statistics. A larger buffer (-b) or fewer events avoid this.</source>
        <translation>录制期间内核环形缓冲区溢出：%1 个事件被丢弃，时间线和统计中缺少这些事件。使用更大的缓冲区（-b）或记录更少的事件可避免此问题。</translation>
    </message>
    <message>
        <location line="-13"/>
        <source>Unparsed lines: %1</source>
        <translation>未解析的行：%1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 lines of the imported text %2 could not be read and are not in this recording. “ftlens-cli info %3” lists them with their line numbers.</source>
        <translation>导入的文本 %2 中有 %1 行无法读取，未包含在此录制文件中。“ftlens-cli info %3”会列出这些行及其行号。</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>%1 ring-buffer pages read from the kernel were corrupt and dropped by the recorder: the events on them (at least one each) are missing from the timeline and the statistics.</source>
        <translation>从内核读取的 %1 个环形缓冲区页已损坏，已被录制器丢弃：时间线和统计中缺少这些页上的事件（每页至少一个）。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Opening %1…</source>
        <translation>正在打开 %1…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Opening %1: building its timeline index, %2% (File &gt; Close cancels)</source>
        <translation>正在打开 %1：正在构建其时间线索引，%2%（文件 &gt; 关闭 可取消）</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>%1 s</source>
        <translation>%1 秒</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 ms</source>
        <translation>%1 毫秒</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 us</source>
        <translation>%1 微秒</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 ns</source>
        <translation>%1 纳秒</translation>
    </message>
</context>
<context>
    <name>Gui::ScreenshotMode</name>
    <message>
        <location filename="../gui/app/screenshotmode.cpp" line="+75"/>
        <source>the recording did not open within %1 s</source>
        <translation>录制文件未能在 %1 秒内打开</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>%1: cannot save the screenshot</source>
        <translation>%1：无法保存截图</translation>
    </message>
</context>
<context>
    <name>Gui::StatisticsModel</name>
    <message>
        <location filename="../gui/stats/statisticsmodel.cpp" line="+36"/>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&lt;idle&gt; (0)</source>
        <translation>&lt;空闲&gt; (0)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>&lt;unknown&gt; (%1)</source>
        <translation>&lt;未知&gt; (%1)</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>CPU %1</source>
        <translation>CPU %1</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>Event type</source>
        <translation>事件类型</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Task</source>
        <translation>任务</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>CPU</source>
        <translation>CPU</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Events</source>
        <translation>事件</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Share</source>
        <translation>占比</translation>
    </message>
</context>
<context>
    <name>Gui::StatisticsPanel</name>
    <message>
        <location filename="../gui/stats/statisticspanel.cpp" line="+40"/>
        <source>%1 s</source>
        <translation>%1 秒</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 ms</source>
        <translation>%1 毫秒</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 us</source>
        <translation>%1 微秒</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Events</source>
        <translation>事件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>CPU utilisation (%)</source>
        <translation>CPU 利用率（%）</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>By event type</source>
        <translation>按事件类型</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>By task</source>
        <translation>按任务</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>By CPU</source>
        <translation>按 CPU</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Whole recording</source>
        <translation>整个录制</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Selected range</source>
        <translation>所选范围</translation>
    </message>
    <message>
        <location line="+87"/>
        <source>whole recording (no range selected)</source>
        <translation>整个录制（未选择范围）</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>whole recording</source>
        <translation>整个录制</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>range of %1</source>
        <translation>%1 的范围</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Counting events in the %1…</source>
        <translation>正在统计%1中的事件…</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>Statistics failed: %1</source>
        <translation>统计失败：%1</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>%1 events in the %2 (%3 ms)</source>
        <translation>%2中共 %1 个事件（%3 毫秒）</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>CPU %1</source>
        <translation>CPU %1</translation>
    </message>
</context>
<context>
    <name>Gui::TaskLanesDialog</name>
    <message>
        <location filename="../gui/app/tasklanesdialog.cpp" line="+82"/>
        <source>Loading tasks…</source>
        <translation>正在加载任务…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Task Lanes</source>
        <translation>任务泳道</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Filter by name or pid</source>
        <translation>按名称或 PID 过滤</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Tasks shown in their own lane below the CPUs:</source>
        <translation>在 CPU 下方以独立泳道显示的任务：</translation>
    </message>
    <message>
        <location line="+47"/>
        <source>CPU %1, task not recorded</source>
        <translation>CPU %1，未记录任务</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n call(s)</source>
        <translation>
            <numerusform>%n 次调用</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+6"/>
        <source>%n task(s)</source>
        <translation>
            <numerusform>%n 个任务</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Gui::TimelineView</name>
    <message>
        <location filename="../gui/timeline/timelineview.cpp" line="+38"/>
        <source>%1 or more (exit not recorded: drawn up to the next call)</source>
        <translation>%1 或更长（未记录退出：绘制到下一次调用为止）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1
duration %2
self %3
depth %4</source>
        <translation>%1
时长 %2
自身 %3
深度 %4</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>depth %1: %2 in calls, mostly %3
%4 calls start in %5</source>
        <translation>深度 %1：%2 处于调用中，主要是 %3
%5 内有 %4 次调用开始</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>%1
CPU %2, prio %3
ran %4</source>
        <translation>%1
CPU %2，优先级 %3
运行 %4</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>Building the timeline index: %1%</source>
        <translation>正在构建时间线索引：%1%</translation>
    </message>
    <message>
        <location line="+86"/>
        <source>CPU %1</source>
        <translation>CPU %1</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>CPU %1, task unknown</source>
        <translation>CPU %1，任务未知</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>calls</source>
        <translation>调用次数</translation>
    </message>
    <message>
        <location line="+304"/>
        <source>Set Marker &amp;A Here</source>
        <translation>在此设置标记 &amp;A</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Set Marker &amp;B Here</source>
        <translation>在此设置标记 &amp;B</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Clear Markers</source>
        <translation>清除标记(&amp;C)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;Zoom to Selection</source>
        <translation>缩放到所选范围(&amp;Z)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Clear &amp;Selection</source>
        <translation>清除选择(&amp;S)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show &amp;Whole Recording</source>
        <translation>显示整个录制(&amp;W)</translation>
    </message>
    <message>
        <location line="+48"/>
        <source>%1 busy, mostly %2
%3 events in %4</source>
        <translation>%1 忙碌，主要是 %2
%4 中有 %3 个事件</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>idle</source>
        <translation>空闲</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>%1 at %2
CPU %3, %4
%5</source>
        <translation>%1 于 %2
CPU %3，%4
%5</translation>
    </message>
    <message>
        <location line="+53"/>
        <source>No call lanes: %1</source>
        <translation>没有调用泳道：%1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Selection: %1, %2 events</source>
        <translation>选择：%1，%2 个事件</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Selection: %1</source>
        <translation>选择：%1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Aᤫ: %1</source>
        <translation>A→B：%1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Marker %1 at %2</source>
        <translation>标记 %1 位于 %2</translation>
    </message>
</context>
<context>
    <name>Gui::WindowActions</name>
    <message>
        <location filename="../gui/app/windowactions.cpp" line="+15"/>
        <source>&amp;Open…</source>
        <translation>打开(&amp;O)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Import…</source>
        <translation>导入(&amp;I)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Export CSV…</source>
        <translation>导出 CSV(&amp;E)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>O&amp;ptimize Recording</source>
        <translation>优化录制文件(&amp;P)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export as &amp;trace.dat…</source>
        <translation>导出为 trace.dat(&amp;T)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export as C&amp;hrome/Perfetto JSON…</source>
        <translation>导出为 Chrome/Perfetto JSON(&amp;H)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Close</source>
        <translation>关闭(&amp;C)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Task Lanes…</source>
        <translation>任务泳道(&amp;T)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;About ftlens</source>
        <translation>关于 ftlens(&amp;A)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Ctrl+I</source>
        <translation>Ctrl+I</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Import a trace.dat, ftrace or trace-cmd report text, or perf script output into a recording</source>
        <translation>将 trace.dat、ftrace 或 trace-cmd report 文本，或 perf script 输出导入为录制文件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Write the recording as a trace.dat for trace-cmd report and KernelShark</source>
        <translation>将录制文件写为 trace.dat，供 trace-cmd report 和 KernelShark 使用</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Write the recording as JSON trace events for Perfetto UI and chrome://tracing</source>
        <translation>将录制文件写为 JSON 跟踪事件，供 Perfetto UI 和 chrome://tracing 使用</translation>
    </message>
    <message>
        <source>Import ftrace text (cat trace, trace_pipe, perf-tools output) into a recording</source>
        <translation type="vanished">将 ftrace 文本（cat trace、trace_pipe、perf-tools 输出）导入为录制文件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ctrl+E</source>
        <translation>Ctrl+E</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Write the timeline and call indexes into the recording, so that it opens at once anywhere (opening alone never changes a recording: it keeps them in the index cache)</source>
        <translation>将时间线索引和调用索引写入录制文件，使其在任何地方都能立即打开（仅打开从不修改录制文件：索引会保存在索引缓存中）</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Main Toolbar</source>
        <translation>主工具栏</translation>
    </message>
</context>
<context>
    <name>Helper</name>
    <message>
        <location filename="../engine/helper/capscommand.cpp" line="+35"/>
        <source>usage: ftlens-helper caps [--json] [--tracefs DIR]

Reports which tracers, probes and tracing features this kernel allows, and why the others are missing.

  --json          one line of JSON instead of a table
  --tracefs DIR   use DIR as the tracing directory instead of finding (or mounting) tracefs
</source>
        <translation>用法：ftlens-helper caps [--json] [--tracefs DIR]

报告此内核允许哪些跟踪器、探针和跟踪功能，以及其他功能缺失的原因。

  --json          输出一行 JSON 而不是表格
  --tracefs DIR   使用 DIR 作为跟踪目录，而不是查找（或挂载）tracefs
</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Print one line of JSON.</source>
        <translation>输出一行 JSON。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The tracing directory.</source>
        <translation>跟踪目录。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Show this help.</source>
        <translation>显示此帮助。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>caps: unexpected argument &apos;%1&apos;</source>
        <translation>caps：意外的参数“%1”</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>caps: --tracefs needs a directory</source>
        <translation>caps：--tracefs 需要一个目录</translation>
    </message>
    <message>
        <location filename="../engine/helper/main.cpp" line="+55"/>
        <source>cannot tell who invoked the helper: %1</source>
        <translation>无法确定是谁调用了 helper：%1</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>warning: --run-as-root: &apos;%1&apos; runs as root, with every privilege, not as %2</source>
        <translation>警告：--run-as-root：“%1”以 root 身份运行，拥有全部权限，而不是以 %2 身份运行</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&apos;%1&apos; runs as %2 (uid %3)</source>
        <translation>“%1”以 %2（uid %3）身份运行</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>the call table was not built: %1 (the recording is kept)</source>
        <translation>未构建调用表：%1（录制文件已保留）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 function calls in the call table</source>
        <translation>调用表中有 %1 次函数调用</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>root is needed to record (tracefs is root-only): run it as &apos;sudo ftlens-helper record ...&apos;</source>
        <translation>录制需要 root 权限（tracefs 仅限 root）：请以 &apos;sudo ftlens-helper record ...&apos; 运行</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>ftlens-helper: %1 events, %2 lost</source>
        <translation>ftlens-helper：%1 个事件，丢失 %2 个</translation>
    </message>
    <message>
        <location line="+8"/>
        <source> (the events recorded so far are kept in %1)</source>
        <translation>（到目前为止录制的事件保存在 %1 中）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1 events in %2 s written to %3, %4 lost</source>
        <translation>%2 秒内的 %1 个事件已写入 %3，丢失 %4 个</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>cleanup takes no arguments</source>
        <translation>cleanup 不接受参数</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>root is needed to change tracefs: run it as &apos;sudo ftlens-helper cleanup&apos;</source>
        <translation>修改 tracefs 需要 root 权限：请以 &apos;sudo ftlens-helper cleanup&apos; 运行</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>removed %1</source>
        <translation>已移除 %1</translation>
    </message>
    <message>
        <source>usage: ftlens-helper COMMAND [OPTIONS]

commands:
  record [options] [-- COMMAND ...]   record tracepoints, probes and kernel functions into a .ftlens file
  caps [--json]                       what this kernel&apos;s tracing allows, and why not
  cleanup                             remove instances and probes left by a crashed helper and
                                      restore the shared tracefs settings it changed

&apos;ftlens-helper record --help&apos; lists the record options.
</source>
        <translation type="vanished">用法：ftlens-helper 命令 [选项]

命令：
  record [选项] [-- COMMAND ...]      将跟踪点、探针和内核函数录制到 .ftlens 文件
  caps [--json]                       此内核的跟踪允许什么，以及不允许的原因
  cleanup                             移除崩溃的 helper 遗留的实例和探针，
                                      并恢复它更改过的共享 tracefs 设置

&apos;ftlens-helper record --help&apos; 列出 record 的选项。
</translation>
    </message>
    <message>
        <location line="+57"/>
        <source>ftlens-helper: unknown command &apos;%1&apos;</source>
        <translation>ftlens-helper：未知命令“%1”</translation>
    </message>
    <message>
        <location filename="../engine/helper/recordcommandline.cpp" line="+67"/>
        <source>-O: &apos;%1&apos; is not a function_graph option (funcgraph-NAME or nofuncgraph-NAME, e.g. funcgraph-proc, nofuncgraph-irqs)</source>
        <translation>-O：“%1”不是 function_graph 选项（应为 funcgraph-NAME 或 nofuncgraph-NAME，例如 funcgraph-proc、nofuncgraph-irqs）</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>-O %1 contradicts -O %2</source>
        <translation>-O %1 与 -O %2 相矛盾</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>-p: &apos;%1&apos; is not a tracer ftlens records (function, function_graph or nop)</source>
        <translation>-p：“%1”不是 ftlens 可录制的跟踪器（function、function_graph 或 nop）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 &apos;%2&apos;: %3</source>
        <translation>%1 “%2”：%3</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>--max-graph-depth: &apos;%1&apos; is not a depth (0 for no limit)</source>
        <translation>--max-graph-depth：“%1”不是有效的深度（0 表示不限制）</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>%1 needs -p function_graph</source>
        <translation>%1 需要 -p function_graph</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 needs -p function or -p function_graph</source>
        <translation>%1 需要 -p function 或 -p function_graph</translation>
    </message>
    <message>
        <source>usage: ftlens-helper record [options] [-- COMMAND [ARGS...]]
  -e SYSTEM:EVENT     record a tracepoint (repeatable; globs like sched:*)
  -f FILTER           kernel filter for the preceding -e/--uprobe/--uretprobe
  --uprobe DEF        [p[:EVENT]] PATH:SYMBOL|PATH:0xOFFSET [NAME=FETCHARG[:TYPE]...]
  --uretprobe DEF     the same with r[:EVENT] (return probe)
  --kprobe DEF        [p[:EVENT]] [MOD:]SYM[+OFFS]|MEMADDR [FETCHARGS...] (kernel function)
  --kretprobe DEF     r[MAXACTIVE][:EVENT] [MOD:]SYM [FETCHARGS...] (its return)
  --preset NAME       opens-kernel (kprobes on do_sys_open(at2)/do_filp_open) or
                      opens-libc (uprobes on libc open64/openat64), with their returns
  -p TRACER           function or function_graph: kernel function calls in the helper&apos;s
                      own instance (nop, the default: none)
  -l FUNC             trace only these functions (set_ftrace_filter; globs; repeatable)
  -n FUNC             never trace these functions (set_ftrace_notrace; globs; repeatable)
  -g FUNC             function_graph: graph only calls from these (set_graph_function)
  --graph-notrace FUNC
                      function_graph: leave out these and what they call (set_graph_notrace)
  --max-graph-depth N function_graph: calls this deep at most (max_graph_depth; 0: no limit)
  -O [no]funcgraph-OPT
                      function_graph option: funcgraph-proc, nofuncgraph-irqs, funcgraph-tail,
                      funcgraph-retval, ... (repeatable; the kernel must have it)
                      -g, --graph-notrace, --max-graph-depth and -O change settings the
                      kernel keeps for all instances: restored when the recording ends
                      (and by the next record or cleanup if the helper was killed)
  -P PID              record only these tasks and their children (repeatable;
                      with -p also set_ftrace_pid)
  -d SECONDS          stop after this long
  -b KB               per-CPU ring buffer size (default: %1 KB on this machine)
  -o FILE             output recording (default: trace.ftlens)
  --clock CLOCK       trace clock (default: mono)
  --tracefs DIR       tracefs directory (default: from the mount table)
</source>
        <translation type="vanished">用法：ftlens-helper record [选项] [-- COMMAND [ARGS...]]
  -e SYSTEM:EVENT     录制一个跟踪点（可重复；支持 sched:* 之类的通配符）
  -f FILTER           前一个 -e/--uprobe/--uretprobe 的内核过滤器
  --uprobe DEF        [p[:EVENT]] PATH:SYMBOL|PATH:0xOFFSET [NAME=FETCHARG[:TYPE]...]
  --uretprobe DEF     同上，使用 r[:EVENT]（返回探针）
  --kprobe DEF        [p[:EVENT]] [MOD:]SYM[+OFFS]|MEMADDR [FETCHARGS...]（内核函数）
  --kretprobe DEF     r[MAXACTIVE][:EVENT] [MOD:]SYM [FETCHARGS...]（其返回）
  --preset NAME       opens-kernel（do_sys_open(at2)/do_filp_open 上的 kprobe）或
                      opens-libc（libc open64/openat64 上的 uprobe），包括其返回
  -p TRACER           function 或 function_graph：在 helper 自己的实例中录制内核函数调用
                      （默认为 nop：不录制）
  -l FUNC             只跟踪这些函数（set_ftrace_filter；支持通配符；可重复）
  -n FUNC             从不跟踪这些函数（set_ftrace_notrace；支持通配符；可重复）
  -g FUNC             function_graph：只记录从这些函数发起的调用（set_graph_function）
  --graph-notrace FUNC
                      function_graph：排除这些函数及其调用的函数（set_graph_notrace）
  --max-graph-depth N function_graph：调用深度上限（max_graph_depth；0：不限制）
  -O [no]funcgraph-OPT
                      function_graph 选项：funcgraph-proc、nofuncgraph-irqs、funcgraph-tail、
                      funcgraph-retval 等（可重复；内核必须支持该选项）
                      -g、--graph-notrace、--max-graph-depth 和 -O 会更改内核为所有实例
                      共用的设置：录制结束时恢复
                      （如果 helper 被杀死，则由下一次 record 或 cleanup 恢复）
  -P PID              仅录制这些任务及其子进程（可重复；
                      配合 -p 时还会设置 set_ftrace_pid）
  -d SECONDS          录制这么长时间后停止
  -b KB               每个 CPU 的环形缓冲区大小（本机默认：%1 KB）
  -o FILE             输出的录制文件（默认：trace.ftlens）
  --clock CLOCK       跟踪时钟（默认：mono）
  --tracefs DIR       tracefs 目录（默认：从挂载表获取）
</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>usage: ftlens-helper record [options] [-- COMMAND [ARGS...]]
  -e SYSTEM:EVENT     record a tracepoint (repeatable; globs like sched:*)
  -f FILTER           kernel filter for the preceding -e/--uprobe/--uretprobe
  --uprobe DEF        [p[:EVENT]] PATH:SYMBOL|PATH:0xOFFSET [NAME=FETCHARG[:TYPE]...]
  --uretprobe DEF     the same with r[:EVENT] (return probe)
  --kprobe DEF        [p[:EVENT]] [MOD:]SYM[+OFFS]|MEMADDR [FETCHARGS...] (kernel function)
  --kretprobe DEF     r[MAXACTIVE][:EVENT] [MOD:]SYM [FETCHARGS...] (its return)
  --preset NAME       opens-kernel (kprobes on do_sys_open(at2)/do_filp_open) or
                      opens-libc (uprobes on libc open64/openat64), with their returns
  -p TRACER           function or function_graph: kernel function calls in the helper&apos;s
                      own instance (nop, the default: none)
  -l FUNC             trace only these functions (set_ftrace_filter; globs; repeatable)
  -n FUNC             never trace these functions (set_ftrace_notrace; globs; repeatable)
  -g FUNC             function_graph: graph only calls from these (set_graph_function)
  --graph-notrace FUNC
                      function_graph: leave out these and what they call (set_graph_notrace)
  --max-graph-depth N function_graph: calls this deep at most (max_graph_depth; 0: no limit)
  -O [no]funcgraph-OPT
                      function_graph option: funcgraph-proc, nofuncgraph-irqs, funcgraph-tail,
                      funcgraph-retval, ... (repeatable; the kernel must have it)
                      -g, --graph-notrace, --max-graph-depth and -O change settings the
                      kernel keeps for all instances: restored when the recording ends
                      (and by the next record or cleanup if the helper was killed)
  -P PID              record only these tasks and their children (repeatable;
                      with -p also set_ftrace_pid)
  -d SECONDS          stop after this long
  -b KB               per-CPU ring buffer size (default: %1 KB on this machine)
  -o FILE             output recording (default: trace.ftlens); an existing file is refused
  --force             let -o replace an existing file (when the new recording ends)
  --clock CLOCK       trace clock (default: mono)
  --tracefs DIR       tracefs directory (default: from the mount table); must be tracefs or debugfs
  --run-as-root       run the COMMAND as root (otherwise: as the user who invoked sudo or pkexec)
</source>
        <translation>用法：ftlens-helper record [选项] [-- COMMAND [ARGS...]]
  -e SYSTEM:EVENT     录制一个跟踪点（可重复；支持 sched:* 之类的通配符）
  -f FILTER           前一个 -e/--uprobe/--uretprobe 的内核过滤器
  --uprobe DEF        [p[:EVENT]] PATH:SYMBOL|PATH:0xOFFSET [NAME=FETCHARG[:TYPE]...]
  --uretprobe DEF     同上，使用 r[:EVENT]（返回探针）
  --kprobe DEF        [p[:EVENT]] [MOD:]SYM[+OFFS]|MEMADDR [FETCHARGS...]（内核函数）
  --kretprobe DEF     r[MAXACTIVE][:EVENT] [MOD:]SYM [FETCHARGS...]（其返回）
  --preset NAME       opens-kernel（do_sys_open(at2)/do_filp_open 上的 kprobe）或
                      opens-libc（libc open64/openat64 上的 uprobe），包括其返回
  -p TRACER           function 或 function_graph：在 helper 自己的实例中录制内核函数调用
                      （默认为 nop：不录制）
  -l FUNC             只跟踪这些函数（set_ftrace_filter；支持通配符；可重复）
  -n FUNC             从不跟踪这些函数（set_ftrace_notrace；支持通配符；可重复）
  -g FUNC             function_graph：只记录从这些函数发起的调用（set_graph_function）
  --graph-notrace FUNC
                      function_graph：排除这些函数及其调用的函数（set_graph_notrace）
  --max-graph-depth N function_graph：调用深度上限（max_graph_depth；0：不限制）
  -O [no]funcgraph-OPT
                      function_graph 选项：funcgraph-proc、nofuncgraph-irqs、funcgraph-tail、
                      funcgraph-retval 等（可重复；内核必须支持该选项）
                      -g、--graph-notrace、--max-graph-depth 和 -O 会更改内核为所有实例
                      共用的设置：录制结束时恢复
                      （如果 helper 被杀死，则由下一次 record 或 cleanup 恢复）
  -P PID              仅录制这些任务及其子进程（可重复；
                      配合 -p 时还会设置 set_ftrace_pid）
  -d SECONDS          录制这么长时间后停止
  -b KB               每个 CPU 的环形缓冲区大小（本机默认：%1 KB）
  -o FILE             输出的录制文件（默认：trace.ftlens）；不会覆盖已存在的文件
  --force             允许 -o 替换已存在的文件（在新的录制结束时替换）
  --clock CLOCK       跟踪时钟（默认：mono）
  --tracefs DIR       tracefs 目录（默认：从挂载表获取）；必须是 tracefs 或 debugfs
  --run-as-root       以 root 身份运行 COMMAND（否则以调用 sudo 或 pkexec 的用户身份运行）
</translation>
    </message>
    <message>
        <location line="+48"/>
        <source>&apos;--&apos; must be followed by a COMMAND</source>
        <translation>“--”后面必须跟一个 COMMAND</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>unknown option &apos;%1&apos;</source>
        <translation>未知选项“%1”</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>unexpected &apos;%1&apos; (a COMMAND goes after --)</source>
        <translation>意外的“%1”（COMMAND 应放在 -- 之后）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 needs a value</source>
        <translation>%1 需要一个值</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>unknown preset &apos;%1&apos; (known: %2)</source>
        <translation>未知预设“%1”（已知：%2）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>-f must follow an -e, --kprobe, --kretprobe, --uprobe or --uretprobe</source>
        <translation>-f 必须跟在 -e、--kprobe、--kretprobe、--uprobe 或 --uretprobe 之后</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>two -f for &apos;%1&apos;; combine them with &amp;&amp; or ||</source>
        <translation>“%1”有两个 -f；请用 &amp;&amp; 或 || 合并它们</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>-P: &apos;%1&apos; is not a process id</source>
        <translation>-P：“%1”不是进程 ID</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>-d: &apos;%1&apos; is not a number of seconds</source>
        <translation>-d：“%1”不是秒数</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>-b: &apos;%1&apos; is not a buffer size in KB (4 to 4194304)</source>
        <translation>-b：“%1”不是以 KB 为单位的缓冲区大小（4 到 4194304）</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>--run-as-root needs a COMMAND after --</source>
        <translation>--run-as-root 需要在 -- 之后给出 COMMAND</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>nothing to record: give at least one -e, -p, --preset, --kprobe or --uprobe</source>
        <translation>没有要录制的内容：请至少提供一个 -e、-p、--preset、--kprobe 或 --uprobe</translation>
    </message>
    <message>
        <location filename="../engine/helper/helperusage.cpp" line="+70"/>
        <source>usage: ftlens-helper COMMAND [OPTIONS]
       ftlens-helper --help | --version

commands:
</source>
        <translation>用法：ftlens-helper 命令 [选项]
      ftlens-helper --help | --version

命令：
</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>      record tracepoints, probes and kernel functions into a .ftlens file
      (&apos;ftlens-helper record --help&apos; explains each option)
</source>
        <translation>      将跟踪点、探针和内核函数录制到 .ftlens 文件
      （&apos;ftlens-helper record --help&apos; 会说明每个选项）
</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>      what this kernel&apos;s tracing allows, and why not
</source>
        <translation>      此内核的跟踪允许什么，以及不允许的原因
</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>      the helper as a service: clients start, watch and fetch recordings over a protocol
      (&apos;ftlens-helper serve --help&apos; explains each option)
</source>
        <translation>      以服务方式运行 helper：客户端通过协议启动、查看和获取录制
      （&apos;ftlens-helper serve --help&apos; 会说明每个选项）
</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>  cleanup
      remove instances and probes left by a crashed helper and restore the shared tracefs
      settings it changed
</source>
        <translation>  cleanup
      移除崩溃的 helper 遗留的实例和探针，
      并恢复它更改过的共享 tracefs 设置
</translation>
    </message>
    <message>
        <location filename="../engine/helper/servecommandline.cpp" line="+17"/>
        <source>speak the protocol on stdin and stdout, for the one client that started
                      the helper (pkexec ftlens-helper serve --stdio)</source>
        <translation>在标准输入和标准输出上使用协议，服务于启动 helper 的
                      那一个客户端（pkexec ftlens-helper serve --stdio）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>listen on a Unix socket at PATH for root and the --group</source>
        <translation>在 PATH 处的 Unix 套接字上监听，供 root 和 --group 使用</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>who besides root may use the socket (default: ftlens)</source>
        <translation>除 root 外还有谁可以使用该套接字（默认：ftlens）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>where recordings are kept, named by the helper
                      (default: /var/lib/ftlens/recordings)</source>
        <translation>保存录制文件的位置，文件由 helper 命名
                      （默认：/var/lib/ftlens/recordings）</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>usage: ftlens-helper serve (--stdio | --unix PATH) [--group NAME] [--data-dir DIR]

Serves the recording protocol: clients ask for recordings, watch them and fetch them;
a COMMAND runs as the client&apos;s user. One recording at a time.

</source>
        <translation>用法：ftlens-helper serve (--stdio | --unix PATH) [--group NAME] [--data-dir DIR]

提供录制协议服务：客户端请求录制、查看录制并获取录制文件；
COMMAND 以客户端的用户身份运行。一次只进行一个录制。

</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>serve: unknown argument &apos;%1&apos;</source>
        <translation>serve：未知参数“%1”</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>serve: %1 needs a value</source>
        <translation>serve：%1 需要一个值</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>serve: give exactly one of --stdio and --unix PATH</source>
        <translation>serve：--stdio 和 --unix PATH 必须且只能提供一个</translation>
    </message>
</context>
<context>
    <name>ProbeCallModel</name>
    <message>
        <location filename="../gui/probes/probecallmodel.cpp" line="+66"/>
        <source>paired</source>
        <translation>已配对</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>no return recorded</source>
        <translation>未记录返回</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>no entry recorded</source>
        <translation>未记录入口</translation>
    </message>
    <message>
        <location line="+95"/>
        <source>Path</source>
        <translation>路径</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+11"/>
        <source>Task</source>
        <translation>任务</translation>
    </message>
    <message>
        <location line="-10"/>
        <source>Return</source>
        <translation>返回值</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Calls</source>
        <translation>调用次数</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Min</source>
        <translation>最小</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Avg</source>
        <translation>平均</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Max</source>
        <translation>最大</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>p99</source>
        <translation>p99</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Time (s)</source>
        <translation>时间（秒）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>CPU</source>
        <translation>CPU</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>ret</source>
        <translation>ret</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>ret (decoded)</source>
        <translation>ret（已解码）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Latency</source>
        <translation>延迟</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 (decoded)</source>
        <translation>%1（已解码）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+68"/>
        <source>export cancelled</source>
        <translation>导出已取消</translation>
    </message>
</context>
<context>
    <name>ProbeTablePanel</name>
    <message>
        <location filename="../gui/probes/probetablepanel.cpp" line="-160"/>
        <source>no probe named %1</source>
        <translation>没有名为 %1 的探针</translation>
    </message>
</context>
<context>
    <name>Protocol</name>
    <message>
        <location filename="../engine/protocol/frame.cpp" line="+43"/>
        <source>an empty frame (length 0)</source>
        <translation>空帧（长度为 0）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>a frame of %1 bytes announced, more than the maximum of %2</source>
        <translation>声明了 %1 字节的帧，超过了最大值 %2</translation>
    </message>
    <message>
        <location filename="../engine/protocol/message.cpp" line="+40"/>
        <source>more than %1 CBOR items</source>
        <translation>超过 %1 个 CBOR 项</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>CBOR nested deeper than %1</source>
        <translation>CBOR 嵌套深度超过 %1</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>malformed CBOR at byte %1: %2</source>
        <translation>字节 %1 处的 CBOR 格式错误：%2</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>malformed CBOR: %1</source>
        <translation>CBOR 格式错误：%1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the payload is not a CBOR map</source>
        <translation>负载不是 CBOR 映射</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 bytes after the message&apos;s map</source>
        <translation>消息映射之后还有 %1 字节</translation>
    </message>
    <message>
        <location line="+53"/>
        <source>%1[%2] is not a map</source>
        <translation>%1[%2] 不是映射</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>%1 must be %2</source>
        <translation>%1 必须是 %2</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>%1: a key that is not text</source>
        <translation>%1：键不是文本</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1: field &apos;%2&apos; given twice</source>
        <translation>%1：字段“%2”出现了两次</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1: unknown field &apos;%2&apos;</source>
        <translation>%1：未知字段“%2”</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1: field &apos;%2&apos; is missing</source>
        <translation>%1：缺少字段“%2”</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>the message has no text field &apos;type&apos;</source>
        <translation>消息没有文本字段“type”</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>unknown message type &apos;%1&apos;</source>
        <translation>未知消息类型“%1”</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1: &apos;id&apos; must be an integer of at least %2</source>
        <translation>%1：“id”必须是不小于 %2 的整数</translation>
    </message>
    <message>
        <location filename="../engine/protocol/startrequest.cpp" line="+83"/>
        <source>start.sources[%1].kind: &apos;%2&apos; is not one of %3</source>
        <translation>start.sources[%1].kind：“%2”不是 %3 之一</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>-f must follow an -e, --kprobe, --kretprobe, --uprobe or --uretprobe (once)</source>
        <translation>-f 必须跟在 -e、--kprobe、--kretprobe、--uprobe 或 --uretprobe 之后（仅一次）</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>%1: &apos;%2&apos; is not a number</source>
        <translation>%1：“%2”不是数字</translation>
    </message>
    <message>
        <location line="+48"/>
        <source>%1 is not for a remote recording (the helper names and keeps the file; fetch it with -o)</source>
        <translation>%1 不适用于远程录制（由 helper 命名并保存文件；请用 -o 获取它）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>unknown option &apos;%1&apos;</source>
        <translation>未知选项“%1”</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>unexpected &apos;%1&apos; (a COMMAND goes after --)</source>
        <translation>意外的“%1”（COMMAND 应放在 -- 之后）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 needs a value</source>
        <translation>%1 需要一个值</translation>
    </message>
</context>
<context>
    <name>Recorder</name>
    <message>
        <location filename="../engine/recorder/capabilities.cpp" line="+97"/>
        <source> (kernel lockdown: %1)</source>
        <translation>（内核锁定：%1）</translation>
    </message>
    <message>
        <location line="+68"/>
        <source>%1 is missing: this kernel has no tracing instances</source>
        <translation>缺少 %1：此内核没有跟踪实例</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>creating the scratch instance %1 failed: %2</source>
        <translation>创建临时实例 %1 失败：%2</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>creating a scratch instance in %1 failed: every ftlens-caps name is taken</source>
        <translation>在 %1 中创建临时实例失败：所有 ftlens-caps 名称均已被占用</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>could not remove the scratch instance %1: %2</source>
        <translation>无法移除临时实例 %1：%2</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>the &apos;%1&apos; tracer is not built into this kernel (not in available_tracers)</source>
        <translation>此内核未内置“%1”跟踪器（不在 available_tracers 中）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&apos;%1&apos; is listed but could not be tried: %2</source>
        <translation>“%1”已列出，但无法试用：%2</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>writing &apos;%1&apos; to current_tracer: %2</source>
        <translation>将“%1”写入 current_tracer：%2</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>top-level buffer only: instances refuse it (%1); ftlens-helper records there while that buffer is idle</source>
        <translation>仅限顶层缓冲区：实例不接受它（%1）；ftlens-helper 会在该缓冲区空闲时在其中录制</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>%1 is missing: this kernel has no dynamic ftrace (CONFIG_DYNAMIC_FTRACE)</source>
        <translation>缺少 %1：此内核没有动态 ftrace（CONFIG_DYNAMIC_FTRACE）</translation>
    </message>
    <message>
        <location line="+2"/>
        <location filename="../engine/recorder/elfsymbols.cpp" line="+129"/>
        <location filename="../engine/recorder/tracefsroot.cpp" line="+119"/>
        <location line="+11"/>
        <source>%1: cannot read: %2</source>
        <translation>%1：无法读取：%2</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>%1 is missing: not built into this kernel (%2)</source>
        <translation>缺少 %1：此内核未内置（%2）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1: cannot open for writing: %2</source>
        <translation>%1：无法打开以写入：%2</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>return probes need %1: %2</source>
        <translation>返回探针需要 %1：%2</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>no tracepoint to attach an eprobe to</source>
        <translation>没有可附加 eprobe 的跟踪点</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>%1 refused a trial eprobe on %2: %3</source>
        <translation>%1 拒绝了在 %2 上试用的 eprobe：%3</translation>
    </message>
    <message>
        <location line="+2"/>
        <source> (eprobes are not built into this kernel: since Linux 6.17 they need CONFIG_EPROBE_EVENTS, which depends on kprobe events)</source>
        <translation>（此内核未内置 eprobe：自 Linux 6.17 起需要 CONFIG_EPROBE_EVENTS，它依赖 kprobe 事件）</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>%1 is missing: this kernel has no dynamic events (eprobes need Linux 5.15 or later)</source>
        <translation>缺少 %1：此内核没有动态事件（eprobe 需要 Linux 5.15 或更高版本）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>the tracefs README shows no eprobe syntax (e[:[EGRP/][EEVENT]] SYSTEM.EVENT): eprobes are not built into this kernel</source>
        <translation>tracefs 的 README 中没有 eprobe 语法（e[:[EGRP/][EEVENT]] SYSTEM.EVENT）：此内核未内置 eprobe</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>%1 is missing: the kernel was built without BTF (CONFIG_DEBUG_INFO_BTF)</source>
        <translation>缺少 %1：内核构建时未启用 BTF（CONFIG_DEBUG_INFO_BTF）</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>no tracefs found</source>
        <translation>未找到 tracefs</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>tracefs</source>
        <translation>tracefs</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>tracing instances</source>
        <translation>跟踪实例</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>function tracer</source>
        <translation>function 跟踪器</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>function_graph tracer</source>
        <translation>function_graph 跟踪器</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>function list</source>
        <translation>函数列表</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>kprobes</source>
        <translation>kprobes</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>kretprobes</source>
        <translation>kretprobes</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>uprobes</source>
        <translation>uprobes</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>uretprobes</source>
        <translation>uretprobes</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>eprobes</source>
        <translation>eprobes</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>BTF</source>
        <translation>BTF</translation>
    </message>
    <message>
        <location line="+34"/>
        <source> (mounted by ftlens)</source>
        <translation>（由 ftlens 挂载）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>tracefs:</source>
        <translation>tracefs：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>lockdown:</source>
        <translation>内核锁定：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>CPUs:</source>
        <translation>CPU：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>trace clocks:</source>
        <translation>跟踪时钟：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>tracers:</source>
        <translation>跟踪器：</translation>
    </message>
    <message>
        <location line="+53"/>
        <source>feature</source>
        <translation>功能</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>available</source>
        <translation>可用</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>why not</source>
        <translation>原因</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <location filename="../engine/recorder/childprocess.cpp" line="+172"/>
        <source>cannot start &apos;%1&apos;: %2</source>
        <translation>无法启动“%1”：%2</translation>
    </message>
    <message>
        <location line="+56"/>
        <source>cannot run &apos;%1&apos; as %2: changing to that user failed: %3</source>
        <translation>无法以 %2 身份运行“%1”：切换到该用户失败：%3</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>cannot run &apos;%1&apos; in %2 as %3: %4</source>
        <translation>无法以 %3 身份在 %2 中运行“%1”：%4</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>cannot run &apos;%1&apos;: redirecting its output failed: %2</source>
        <translation>无法运行“%1”：重定向其输出失败：%2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>cannot run &apos;%1&apos;: not found in %2 (the PATH commands are looked up in; give a path to run another one)</source>
        <translation>无法运行“%1”：在 %2 中未找到（这是查找命令所用的 PATH；要运行其他位置的程序，请给出路径）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>cannot run &apos;%1&apos;: %2</source>
        <translation>无法运行“%1”：%2</translation>
    </message>
    <message>
        <location filename="../engine/recorder/elfsymbols.cpp" line="-36"/>
        <source>%1: truncated or corrupt ELF file: %2</source>
        <translation>%1：ELF 文件被截断或已损坏：%2</translation>
    </message>
    <message>
        <location line="+26"/>
        <location filename="../engine/recorder/probedefinition.cpp" line="+115"/>
        <source>%1: no such file</source>
        <translation>%1：没有此文件</translation>
    </message>
    <message>
        <location line="+2"/>
        <location filename="../engine/recorder/uprobetarget.cpp" line="+47"/>
        <source>%1: cannot open: %2</source>
        <translation>%1：无法打开：%2</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>%1 (%2 bytes at offset %3) extends past the end of the file (%4 bytes)</source>
        <translation>%1（%2 字节，偏移 %3）超出了文件末尾（%4 字节）</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>%1: cannot read %2: %3</source>
        <translation>%1：无法读取 %2：%3</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>%1 (%2 entries of %3 bytes) is larger than the file (%4 bytes)</source>
        <translation>%1（%2 个条目，每个 %3 字节）大于文件（%4 字节）</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>%1: not an ELF file (too short)</source>
        <translation>%1：不是 ELF 文件（太短）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ELF identification</source>
        <translation>ELF 标识</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1: not an ELF file (no ELF magic number)</source>
        <translation>%1：不是 ELF 文件（没有 ELF 魔数）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1: unsupported ELF class %2</source>
        <translation>%1：不支持的 ELF 类别 %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1: unsupported ELF data encoding %2</source>
        <translation>%1：不支持的 ELF 数据编码 %2</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>ELF header</source>
        <translation>ELF 头</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>%1: not an executable or shared library (ELF type %2)</source>
        <translation>%1：不是可执行文件或共享库（ELF 类型 %2）</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>section header size %1 is smaller than %2</source>
        <translation>节头大小 %1 小于 %2</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>section header 0</source>
        <translation>节头 0</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>section header table</source>
        <translation>节头表</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>program header size %1 is smaller than %2</source>
        <translation>程序头大小 %1 小于 %2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>program header table</source>
        <translation>程序头表</translation>
    </message>
    <message>
        <location line="+68"/>
        <source>symbol version table</source>
        <translation>符号版本表</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>symbol table (section %1) links to no string table</source>
        <translation>符号表（节 %1）没有链接到字符串表</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>symbol size %1 is smaller than %2</source>
        <translation>符号大小 %1 小于 %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>symbol table</source>
        <translation>符号表</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>string table</source>
        <translation>字符串表</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>%1: no function symbol &apos;%2&apos; in .symtab or .dynsym</source>
        <translation>%1：.symtab 或 .dynsym 中没有函数符号“%2”</translation>
    </message>
    <message>
        <location line="+3"/>
        <source> (it is only imported here; probe the library that defines it)</source>
        <translation>（它在此处仅被导入；请探测定义它的库）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source> (there is a symbol of that name, but it is not a function)</source>
        <translation>（存在同名符号，但它不是函数）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source> (the file is stripped: without .symtab only exported functions can be found)</source>
        <translation>（文件已被 strip：没有 .symtab 时只能找到导出的函数）</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>%1: no symbol tables (.symtab or .dynsym); the file is stripped</source>
        <translation>%1：没有符号表（.symtab 或 .dynsym）；文件已被 strip</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>%1: symbol &apos;%2&apos; at address %3 lies in the zero-filled part of its segment, not in the file</source>
        <translation>%1：地址为 %3 的符号“%2”位于其段中以零填充的部分，不在文件中</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the segment holding &apos;%1&apos; extends past the end of the file</source>
        <translation>包含“%1”的段超出了文件末尾</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1: symbol &apos;%2&apos; at address %3 is not in a loadable segment (PT_LOAD)</source>
        <translation>%1：地址为 %3 的符号“%2”不在可加载段（PT_LOAD）中</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>an executable segment (%1 bytes at offset %2) extends past the end of the file</source>
        <translation>可执行段（%1 字节，偏移 %2）超出了文件末尾</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>%1: no symbol name given in &apos;%2&apos;</source>
        <translation>%1：“%2”中没有给出符号名</translation>
    </message>
    <message>
        <location filename="../engine/recorder/eventdecoder.cpp" line="+101"/>
        <source>cannot parse the event formats under %1/events</source>
        <translation>无法解析 %1/events 下的事件格式</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>no format for event %1:%2</source>
        <translation>事件 %1:%2 没有格式</translation>
    </message>
    <message>
        <location filename="../engine/recorder/eventselection.cpp" line="+39"/>
        <source>bad event &apos;%1&apos;: write SYSTEM:EVENT (globs allowed, e.g. sched:*)</source>
        <translation>错误的事件“%1”：请写成 SYSTEM:EVENT（允许通配符，例如 sched:*）</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>unknown event &apos;%1&apos;: no such event in %2 (see available_events)</source>
        <translation>未知事件“%1”：%2 中没有此事件（参见 available_events）</translation>
    </message>
    <message>
        <location filename="../engine/recorder/fetchargparser.cpp" line="+34"/>
        <source>column %1: %2</source>
        <translation>第 %1 列：%2</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>expected a number</source>
        <translation>需要一个数字</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>expected a register name after &apos;%&apos;</source>
        <translation>“%”之后需要一个寄存器名</translation>
    </message>
    <message>
        <location line="+3"/>
        <source> (did you mean %%1?)</source>
        <translation>（您是指 %%1 吗？）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>unknown register &apos;%%1&apos; for %2%3</source>
        <translation>%2%3 的未知寄存器“%%1”</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>@+OFFSET (a file offset) is for uprobes only</source>
        <translation>@+OFFSET（文件偏移）仅用于 uprobe</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>expected an address or a symbol after &apos;@&apos;</source>
        <translation>“@”之后需要一个地址或符号</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>@SYMBOL is for kprobes only; uprobes take @ADDR or @+OFFSET</source>
        <translation>@SYMBOL 仅用于 kprobe；uprobe 使用 @ADDR 或 @+OFFSET</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>$retval is only for return probes (r)</source>
        <translation>$retval 仅用于返回探针（r）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>$argN counts from 1</source>
        <translation>$argN 从 1 开始计数</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>$argN is not available for uprobes; use the registers of the calling convention</source>
        <translation>uprobe 不能使用 $argN；请使用调用约定中的寄存器</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>$argN is only available at a function&apos;s entry (no +OFFSET)</source>
        <translation>$argN 仅在函数入口处可用（不能有 +OFFSET）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>unknown variable &apos;$%1&apos; (expected $stack, $stackN, $argN, $retval or $comm)</source>
        <translation>未知变量“$%1”（应为 $stack、$stackN、$argN、$retval 或 $comm）</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>unterminated immediate string</source>
        <translation>未结束的立即数字符串</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>expected &apos;(&apos; after the offset of a dereference</source>
        <translation>解引用的偏移之后需要“(”</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>expected &apos;)&apos;</source>
        <translation>需要“)”</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>expected a fetch argument</source>
        <translation>需要一个取值参数</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>an immediate value cannot be dereferenced</source>
        <translation>立即数不能被解引用</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>expected %REG, @ADDR, @SYMBOL, $stack, $argN, $retval, $comm, \IMM or +|-OFFS(FETCHARG)</source>
        <translation>需要 %REG、@ADDR、@SYMBOL、$stack、$argN、$retval、$comm、\IMM 或 +|-OFFS(FETCHARG)</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>column %1: array length %2 is not between 1 and %3</source>
        <translation>第 %1 列：数组长度 %2 不在 1 到 %3 之间</translation>
    </message>
    <message>
        <location line="+10"/>
        <location line="+11"/>
        <source>column %1: &apos;%2&apos; is for kprobes only</source>
        <translation>第 %1 列：“%2”仅用于 kprobe</translation>
    </message>
    <message>
        <location line="-8"/>
        <source>column %1: &apos;%2&apos; needs a memory reference such as +0(%di), @ADDR or $comm</source>
        <translation>第 %1 列：“%2”需要内存引用，例如 +0(%di)、@ADDR 或 $comm</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>column %1: $comm is a string: its type can only be string</source>
        <translation>第 %1 列：$comm 是字符串：其类型只能是 string</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>column %1: a bitfield&apos;s container is 8, 16, 32 or 64 bits, not %2</source>
        <translation>第 %1 列：位域的容器为 8、16、32 或 64 位，而不是 %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>column %1: %2 bits at bit %3 do not fit in %4 bits</source>
        <translation>第 %1 列：从第 %3 位开始的 %2 位放不进 %4 位</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>column %1: unknown type &apos;%2&apos; (u8..u64, s8..s64, x8..x64, char, string, ustring, symbol, symstr, %pd, %pD, bWIDTH@OFFSET/SIZE, TYPE[N])</source>
        <translation>第 %1 列：未知类型“%2”（u8..u64、s8..s64、x8..x64、char、string、ustring、symbol、symstr、%pd、%pD、bWIDTH@OFFSET/SIZE、TYPE[N]）</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>column %1: &apos;%2&apos; is not an argument name (letters, digits, _)</source>
        <translation>第 %1 列：“%2”不是参数名（字母、数字、_）</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>column %1: unexpected &apos;%2&apos; after the fetch argument</source>
        <translation>第 %1 列：取值参数之后出现意外的“%2”</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>column %1: expected a type after &apos;:&apos;</source>
        <translation>第 %1 列：“:”之后需要一个类型</translation>
    </message>
    <message>
        <location line="+50"/>
        <source>column %1: a second argument named &apos;%2&apos;</source>
        <translation>第 %1 列：第二个名为“%2”的参数</translation>
    </message>
    <message>
        <location filename="../engine/recorder/probedefinition.cpp" line="-54"/>
        <source>&apos;r&apos; makes a return probe, but %1 takes entry probes</source>
        <translation>“r”表示返回探针，但 %1 接受入口探针</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&apos;p&apos; makes an entry probe, but %1 takes return probes</source>
        <translation>“p”表示入口探针，但 %1 接受返回探针</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>MAXACTIVE is only for kretprobes (r&lt;N&gt;:...)</source>
        <translation>MAXACTIVE 仅用于 kretprobe（r&lt;N&gt;:...）</translation>
    </message>
    <message>
        <source>group names are chosen by ftlens; write only the event name</source>
        <translation type="vanished">组名由 ftlens 选择；只需写事件名</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>&apos;%1&apos; is not a valid group name (letters, digits, _; at most 64)</source>
        <translation>“%1”不是有效的组名（字母、数字、_；最多 64 个字符）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&apos;%1&apos; is not a valid event name (letters, digits, _; at most 64)</source>
        <translation>“%1”不是有效的事件名（字母、数字、_；最多 64 个）</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>&apos;%1&apos; is not an address</source>
        <translation>“%1”不是地址</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&apos;%1&apos; is not [MOD:]SYMBOL[+OFFS] or an address</source>
        <translation>“%1”不是 [MOD:]SYMBOL[+OFFS] 或地址</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>a return probe sits at a function&apos;s entry: no +OFFS</source>
        <translation>返回探针位于函数入口：不能有 +OFFS</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>the place &apos;%1&apos; is not PATH:SYMBOL or PATH:0xOFFSET</source>
        <translation>位置“%1”不是 PATH:SYMBOL 或 PATH:0xOFFSET</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the path &apos;%1&apos; is not absolute</source>
        <translation>路径“%1”不是绝对路径</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>&apos;%1&apos; is not an offset</source>
        <translation>“%1”不是偏移量</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&apos;%1&apos; is not a symbol name or SYMBOL+OFFSET</source>
        <translation>“%1”不是符号名或 SYMBOL+OFFSET</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>control character U+%1 in the definition</source>
        <translation>定义中含有控制字符 U+%1</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>empty probe definition</source>
        <translation>探针定义为空</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>the place PATH:SYMBOL or PATH:0xOFFSET is missing</source>
        <translation>缺少位置 PATH:SYMBOL 或 PATH:0xOFFSET</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the place SYMBOL[+OFFS] or MEMADDR is missing</source>
        <translation>缺少位置 SYMBOL[+OFFS] 或 MEMADDR</translation>
    </message>
    <message>
        <location filename="../engine/recorder/probepresets.cpp" line="+52"/>
        <source>preset opens-kernel needs kprobes, and this kernel has none (%1/kprobe_events is missing: CONFIG_KPROBE_EVENTS); record opens with --preset opens-libc instead</source>
        <translation>预设 opens-kernel 需要 kprobe，而此内核没有（缺少 %1/kprobe_events：CONFIG_KPROBE_EVENTS）；请改用 --preset opens-libc 录制文件打开</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>preset opens-kernel: this kernel exposes none of do_sys_openat2, do_sys_open and do_filp_open to probes (inlined or notrace); try --preset opens-libc</source>
        <translation>预设 opens-kernel：此内核没有向探针暴露 do_sys_openat2、do_sys_open 和 do_filp_open 中的任何一个（被内联或 notrace）；请尝试 --preset opens-libc</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>preset opens-libc: cannot find the system libc in /proc/self/maps</source>
        <translation>预设 opens-libc：在 /proc/self/maps 中找不到系统 libc</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>unknown preset &apos;%1&apos; (known: %2)</source>
        <translation>未知预设“%1”（已知：%2）</translation>
    </message>
    <message>
        <location filename="../engine/recorder/recordsession.cpp" line="+130"/>
        <source>this kernel has no kprobes (%1/kprobe_events is missing: CONFIG_KPROBE_EVENTS); for file opens use --preset opens-libc (uprobes on the system libc)</source>
        <translation>此内核没有 kprobe（缺少 %1/kprobe_events：CONFIG_KPROBE_EVENTS）；要跟踪文件打开，请使用 --preset opens-libc（系统 libc 上的 uprobe）</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+5"/>
        <source>bad probe definition &apos;%1&apos;: %2</source>
        <translation>错误的探针定义“%1”：%2</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>two probes are named &apos;%1&apos;; give one another name</source>
        <translation>有两个探针名为“%1”；请给其中一个另起名字</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&apos;%1&apos;: recorded in ftlens&apos;s own probe group (the kernel sees %2/%3 while recording), stored as %4:%3; the group &apos;%5&apos; is left alone</source>
        <translation>“%1”：在 ftlens 自己的探针组中录制（录制期间内核看到的是 %2/%3），存储为 %4:%3；组“%5”保持不变</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>%1 (%2) is statically linked: it never maps %3, so the uprobes there record nothing of it, only of dynamically linked programs it starts</source>
        <translation>%1（%2）是静态链接的：它从不映射 %3，因此那里的 uprobe 不会录制到它的任何内容，只会录制它启动的动态链接程序</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>nothing to record: give at least one -e, -p, --preset, --kprobe or --uprobe</source>
        <translation>没有要录制的内容：请至少提供一个 -e、-p、--preset、--kprobe 或 --uprobe</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>function_graph runs only in the top-level buffer on this kernel (instances refuse it), and that buffer is in use: %1. ftlens-helper takes it only while idle: free it (echo nop &gt; %2/current_tracer; echo 0 &gt; %2/events/enable; echo &gt; %2/trace), or record -p function, kprobes (--kprobe) or tracepoints (-e) in the helper&apos;s own instance instead</source>
        <translation>在此内核上 function_graph 只能在顶层缓冲区中运行（实例不接受它），而该缓冲区正在使用中：%1。ftlens-helper 只在其空闲时使用它：请释放它（echo nop &gt; %2/current_tracer; echo 0 &gt; %2/events/enable; echo &gt; %2/trace），或改为在 helper 自己的实例中录制 -p function、kprobe（--kprobe）或跟踪点（-e）</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>function_graph runs only in the top-level buffer on this kernel: recording there while it is idle; every setting changed is put back afterwards</source>
        <translation>在此内核上 function_graph 只能在顶层缓冲区中运行：将在其空闲时在那里录制；之后会恢复所有更改过的设置</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>%1 tracer: this kernel has no formats for its records under %2/events/ftrace</source>
        <translation>%1 跟踪器：此内核在 %2/events/ftrace 下没有其记录的格式</translation>
    </message>
    <message>
        <location line="+139"/>
        <source>%1 exists: recording into %2, which replaces it when the recording ends</source>
        <translation>%1 已存在：将录制到 %2，录制结束时用它替换原文件</translation>
    </message>
    <message>
        <location line="+231"/>
        <source>no %1 in the instance, Linux 5.8 or later</source>
        <translation>实例中没有 %1，需要 Linux 5.8 或更高版本</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>this kernel cannot leave the helper&apos;s own threads out of the recording (%1): their events are dropped before storing (meta self_events_dropped)</source>
        <translation>此内核无法将 helper 自身的线程排除在录制之外（%1）：它们的事件会在存储前被丢弃（meta self_events_dropped）</translation>
    </message>
    <message>
        <location line="+84"/>
        <source>%1 is left as it was</source>
        <translation>%1 保持原样</translation>
    </message>
    <message>
        <location line="+24"/>
        <location line="+13"/>
        <source>kernel addresses stay unnamed: %1</source>
        <translation>内核地址无法解析为名称：%1</translation>
    </message>
    <message>
        <location line="-9"/>
        <source>kernel addresses stay unnamed: %1 shows every address as 0 (kernel.kptr_restrict or lockdown)</source>
        <translation>内核地址无法解析为名称：%1 将所有地址显示为 0（kernel.kptr_restrict 或内核锁定）</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>recording %1 event types into %2%3</source>
        <translation>正在将 %1 种事件类型录制到 %2%3</translation>
    </message>
    <message>
        <location line="+2"/>
        <source> (Ctrl-C to stop)</source>
        <translation>（按 Ctrl-C 停止）</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>the command exited with status %1</source>
        <translation>命令以状态 %1 退出</translation>
    </message>
    <message>
        <location filename="../engine/recorder/ringbufferreader.cpp" line="+50"/>
        <source>cannot open the tracefs instance %1</source>
        <translation>无法打开 tracefs 实例 %1</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>cannot open trace_pipe_raw of CPU %1: %2</source>
        <translation>无法打开 CPU %1 的 trace_pipe_raw：%2</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>no CPU buffers to read in instance %1</source>
        <translation>实例 %1 中没有可读取的 CPU 缓冲区</translation>
    </message>
    <message>
        <location filename="../engine/recorder/tracefsroot.cpp" line="-51"/>
        <source>tracefs not found at %1 (no events/ or trace_clock there)</source>
        <translation>在 %1 处未找到 tracefs（那里没有 events/ 或 trace_clock）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1: statfs failed: %2</source>
        <translation>%1：statfs 失败：%2</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 is not tracefs or debugfs (statfs says filesystem type 0x%2): the helper writes only into the kernel&apos;s tracing directory</source>
        <translation>%1 不是 tracefs 或 debugfs（statfs 报告的文件系统类型为 0x%2）：helper 只写入内核的跟踪目录</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>tracefs is not mounted (see /proc/self/mounts)</source>
        <translation>tracefs 未挂载（参见 /proc/self/mounts）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>tracefs is not mounted and mounting it at %1 failed: %2</source>
        <translation>tracefs 未挂载，且在 %1 挂载失败：%2</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>tracefs mounted at %1 but it holds no tracing files</source>
        <translation>tracefs 已挂载在 %1，但其中没有跟踪文件</translation>
    </message>
    <message>
        <location filename="../engine/recorder/traceinstance.cpp" line="+123"/>
        <source>cannot create the tracefs instance %1: %2</source>
        <translation>无法创建 tracefs 实例 %1：%2</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>this kernel has no %1 (not built in)</source>
        <translation>此内核没有 %1（未内置）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the kernel refused the probe &apos;%1&apos;: %2</source>
        <translation>内核拒绝了探针“%1”：%2</translation>
    </message>
    <message>
        <location line="+22"/>
        <source> at column %1</source>
        <translation>，位于第 %1 列</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>bad filter for %1:%2: &apos;%3&apos;%4</source>
        <translation>%1:%2 的过滤器有误：“%3”%4</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>its current_tracer is &apos;%1&apos;</source>
        <translation>其 current_tracer 为“%1”</translation>
    </message>
    <message>
        <location line="+6"/>
        <source> and %1 more</source>
        <translation> 及另外 %1 个</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>events are enabled in it (%1)</source>
        <translation>其中启用了事件（%1）</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>it holds %1 events nobody has read</source>
        <translation>其中有 %1 个无人读取的事件</translation>
    </message>
    <message>
        <location filename="../engine/recorder/functionlist.cpp" line="+55"/>
        <source>an empty function name</source>
        <translation>函数名为空</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&apos;!&apos; removes functions from a filter; give the functions to trace, or use -n</source>
        <translation>“!”用于从过滤器中移除函数；请给出要跟踪的函数，或使用 -n</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the kernel&apos;s &apos;:mod:&apos; and &apos;function:command&apos; forms are not taken; give a function name or glob</source>
        <translation>不接受内核的“:mod:”和“function:command”形式；请给出函数名或通配符</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>not a function name or glob (letters, digits, _ . $ and * ? [ ])</source>
        <translation>不是函数名或通配符（字母、数字、_ . $ 以及 * ? [ ]）</translation>
    </message>
    <message>
        <location filename="../engine/recorder/functiontracer.cpp" line="+39"/>
        <source>record tracepoints (-e) or uprobes (--uprobe) instead</source>
        <translation>请改为录制跟踪点（-e）或 uprobe（--uprobe）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 tracer refused by the kernel: %2; %3</source>
        <translation>内核拒绝了 %1 跟踪器：%2；%3</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 tracer not available in this kernel: %2; %3</source>
        <translation>此内核中没有可用的 %1 跟踪器：%2；%3</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>%1: cannot check function names, the kernel&apos;s function list is unreadable: %2</source>
        <translation>%1：无法检查函数名，内核的函数列表不可读：%2</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>%1 &apos;%2&apos;: no function of this kernel matches (see available_filter_functions)</source>
        <translation>%1 “%2”：此内核中没有匹配的函数（参见 available_filter_functions）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 &apos;%2&apos;: no such function in available_filter_functions (it may be inlined, marked notrace or in a module that is not loaded)</source>
        <translation>%1 “%2”：available_filter_functions 中没有此函数（它可能被内联、被标记为 notrace，或位于未加载的模块中）</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>this kernel&apos;s instances have no %1 (it needs CONFIG_DYNAMIC_FTRACE)</source>
        <translation>此内核的实例没有 %1（需要 CONFIG_DYNAMIC_FTRACE）</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>this kernel has no %1 (it needs CONFIG_FUNCTION_GRAPH_TRACER and CONFIG_DYNAMIC_FTRACE)</source>
        <translation>此内核没有 %1（需要 CONFIG_FUNCTION_GRAPH_TRACER 和 CONFIG_DYNAMIC_FTRACE）</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>; it needs CONFIG_FUNCTION_GRAPH_RETVAL, Linux 6.5 or later</source>
        <translation>；它需要 CONFIG_FUNCTION_GRAPH_RETVAL，Linux 6.5 或更高版本</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>; it needs CONFIG_FUNCTION_GRAPH_RETADDR, Linux 6.13 or later</source>
        <translation>；它需要 CONFIG_FUNCTION_GRAPH_RETADDR，Linux 6.13 或更高版本</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>; it needs CONFIG_FUNCTION_TRACE_ARGS, Linux 6.16 or later</source>
        <translation>；它需要 CONFIG_FUNCTION_TRACE_ARGS，Linux 6.16 或更高版本</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>-O %1: this kernel has no function_graph option &apos;%2&apos; (%3 is missing%4)</source>
        <translation>-O %1：此内核没有 function_graph 选项“%2”（缺少 %3%4）</translation>
    </message>
    <message>
        <location line="+49"/>
        <source>%1 tracer refused by the kernel: %2</source>
        <translation>内核拒绝了 %1 跟踪器：%2</translation>
    </message>
    <message>
        <location filename="../engine/recorder/sharedsettings.cpp" line="+128"/>
        <location line="+11"/>
        <source>%1 not restored: %2</source>
        <translation>%1 未恢复：%2</translation>
    </message>
    <message>
        <location line="-7"/>
        <source>%1 not restored to &apos;%2&apos;: it was changed by someone else meanwhile</source>
        <translation>%1 未恢复为“%2”：其间已被他人更改</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>cannot create %1 for the journal of shared tracefs settings</source>
        <translation>无法为共享 tracefs 设置的日志创建 %1</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>%1: cannot write the journal of shared tracefs settings: %2</source>
        <translation>%1：无法写入共享 tracefs 设置的日志：%2</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>ftlens-helper %1 is recording with %2 changed, a setting the kernel keeps for all instances; wait until it ends</source>
        <translation>ftlens-helper %1 正在录制，并更改了 %2（内核为所有实例共用的设置）；请等待其结束</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>cannot save %1 before changing it: %2</source>
        <translation>无法在更改 %1 之前保存它：%2</translation>
    </message>
    <message>
        <location line="+49"/>
        <source>restored %1, left changed by ftlens-helper %2</source>
        <translation>已恢复 %1（此前被 ftlens-helper %2 更改后未还原）</translation>
    </message>
    <message>
        <location filename="../engine/recorder/fscredentials.cpp" line="+61"/>
        <source>as %1</source>
        <translation>以 %1 身份</translation>
    </message>
    <message>
        <location filename="../engine/recorder/invokinguser.cpp" line="+59"/>
        <source>%1=&apos;%2&apos; is not a user id</source>
        <translation>%1=&apos;%2&apos; 不是用户 ID</translation>
    </message>
    <message>
        <location line="+51"/>
        <source>SUDO_UID=%1 and PKEXEC_UID=%2 name different users</source>
        <translation>SUDO_UID=%1 与 PKEXEC_UID=%2 指向不同的用户</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>%1=%2, but the helper was started by uid %3: refusing to guess who asked</source>
        <translation>%1=%2，但 helper 是由 uid %3 启动的：拒绝猜测是谁发起的请求</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>%1=%2, but this login session belongs to uid %3 (/proc/self/loginuid): refusing to guess who asked</source>
        <translation>%1=%2，但此登录会话属于 uid %3（/proc/self/loginuid）：拒绝猜测是谁发起的请求</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>uid %1 has no entry in the user database</source>
        <translation>用户数据库中没有 uid %1 的条目</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>cannot read the groups of %1</source>
        <translation>无法读取 %1 所属的组</translation>
    </message>
    <message>
        <location filename="../engine/recorder/outputfile.cpp" line="+59"/>
        <source>%1: cannot create the recording: that names a directory</source>
        <translation>%1：无法创建录制文件：该名称指向一个目录</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>%1: cannot act as %2 to create the recording</source>
        <translation>%1：无法以 %2 身份创建录制文件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source> (checked as %1)</source>
        <translation>（以 %1 身份检查）</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1: cannot create the recording: the directory %2 does not exist</source>
        <translation>%1：无法创建录制文件：目录 %2 不存在</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1: cannot create the recording: the directory %2: %3%4</source>
        <translation>%1：无法创建录制文件：目录 %2：%3%4</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>%1 exists: give --force to replace it (the old file then stays until the new recording ends)</source>
        <translation>%1 已存在：使用 --force 可替换它（旧文件会保留到新的录制结束）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 exists (SQLite&apos;s companion of an earlier %2): remove it or give --force</source>
        <translation>%1 已存在（是之前的 %2 的 SQLite 附属文件）：请删除它或使用 --force</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1: cannot replace a directory with a recording</source>
        <translation>%1：不能用录制文件替换目录</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>%1 exists: give --force to replace it</source>
        <translation>%1 已存在：使用 --force 可替换它</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1: cannot create the recording: %2%3</source>
        <translation>%1：无法创建录制文件：%2%3</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>%1: the file was replaced while the recording was being created</source>
        <translation>%1：在创建录制文件期间，该文件被替换了</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>%1: cannot give the recording to %2: %3</source>
        <translation>%1：无法将录制文件的所有者改为 %2：%3</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>%1 was not replaced: the new recording is no longer at %2</source>
        <translation>%1 未被替换：新的录制文件已不在 %2</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 was not replaced (%2): the new recording is %3</source>
        <translation>%1 未被替换（%2）：新的录制文件是 %3</translation>
    </message>
    <message>
        <location filename="../engine/recorder/uprobetarget.cpp" line="-12"/>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>%1: not a regular file</source>
        <translation>%1：不是普通文件</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>offset %1 is not in an executable segment of %2 (code at file offsets %3)</source>
        <translation>偏移 %1 不在 %2 的可执行段中（代码位于文件偏移 %3）</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>%1 has no size in the symbol table of %2, so +%3 cannot be checked to lie inside it</source>
        <translation>%1 在 %2 的符号表中没有大小，因此无法检查 +%3 是否位于其内部</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>+%1 is beyond the end of %2, which is %3 bytes long</source>
        <translation>+%1 超出了 %2 的末尾（其长度为 %3 字节）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 (file offset %2) is not in an executable segment of %3 (code at file offsets %4)</source>
        <translation>%1（文件偏移 %2）不在 %3 的可执行段中（代码位于文件偏移 %4）</translation>
    </message>
</context>
<context>
    <name>RecordingLoader</name>
    <message>
        <location filename="../gui/app/recordingloader.cpp" line="+58"/>
        <location line="+24"/>
        <source>%1: opening cancelled</source>
        <translation>%1：打开已取消</translation>
    </message>
</context>
<context>
    <name>Service</name>
    <message>
        <location filename="../engine/service/clientconnection.cpp" line="+41"/>
        <source>it does not read its replies (%1 bytes waiting)</source>
        <translation>它没有读取其回复（有 %1 字节在等待）</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>closing the connection of %1: %2</source>
        <translation>正在关闭 %1 的连接：%2</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>connection closed: %1</source>
        <translation>连接已关闭：%1</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>the first message is not a valid hello: %1</source>
        <translation>第一条消息不是有效的 hello：%1</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>&apos;%1&apos; before hello</source>
        <translation>hello 之前出现了“%1”</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>a second hello</source>
        <translation>第二个 hello</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>request id %1 after %2 (ids must increase)</source>
        <translation>请求 ID %1 出现在 %2 之后（ID 必须递增）</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>the stream ended inside a frame (%1 bytes of it came): %2</source>
        <translation>流在帧内部结束（已收到其中 %1 字节）：%2</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 disconnected: %2</source>
        <translation>%1 已断开连接：%2</translation>
    </message>
    <message>
        <location filename="../engine/service/eventcatalog.cpp" line="+61"/>
        <source>%1 has no events directory</source>
        <translation>%1 没有 events 目录</translation>
    </message>
    <message>
        <location filename="../engine/service/fdchannel.cpp" line="+84"/>
        <source>the client closed the connection</source>
        <translation>客户端关闭了连接</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>reading failed: %1</source>
        <translation>读取失败：%1</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>writing failed: %1</source>
        <translation>写入失败：%1</translation>
    </message>
    <message>
        <location filename="../engine/service/fetchstream.cpp" line="+45"/>
        <source>reading recording %1 failed: %2</source>
        <translation>读取录制 %1 失败：%2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>recording %1 became shorter while it was sent</source>
        <translation>录制 %1 在发送期间变短了</translation>
    </message>
    <message>
        <location filename="../engine/service/helperservice.cpp" line="+63"/>
        <source>group &apos;%1&apos; does not exist: only root may connect</source>
        <translation>组“%1”不存在：只有 root 可以连接</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>listening on %1 (root and group &apos;%2&apos;); recordings in %3</source>
        <translation>正在监听 %1（root 和组“%2”）；录制文件位于 %3</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>serving %1 on stdin/stdout; recordings in %2</source>
        <translation>正在通过 stdin/stdout 为 %1 提供服务；录制文件位于 %2</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>refused a connection (pid %1): %2</source>
        <translation>拒绝了一个连接（pid %1）：%2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>not allowed to use this helper: %1</source>
        <translation>不允许使用此 helper：%1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>the helper is shutting down</source>
        <translation>helper 正在关闭</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>%1 connections already</source>
        <translation>已有 %1 个连接</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>refused a connection of %1 (pid %2): %3</source>
        <translation>拒绝了 %1 的连接（pid %2）：%3</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>admitted %1</source>
        <translation>已接受 %1</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>&apos;%1&apos; is not served here</source>
        <translation>此处不提供“%1”</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>protocol version %1 is not spoken here (this helper speaks %2)</source>
        <translation>此处不支持协议版本 %1（此 helper 使用 %2）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 is %2</source>
        <translation>%1 为 %2</translation>
    </message>
    <message>
        <location filename="../engine/service/kernelqueries.cpp" line="+86"/>
        <source>the kernel does not let its functions be listed: %1</source>
        <translation>内核不允许列出其函数：%1</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>validate.kind: &apos;%1&apos; is not one of %2</source>
        <translation>validate.kind：“%1”不是 %2 之一</translation>
    </message>
    <message>
        <location line="+72"/>
        <source>%1 earlier requests of this connection are still being answered</source>
        <translation>此连接之前的 %1 个请求仍在处理中</translation>
    </message>
    <message>
        <location filename="../engine/service/peeraccess.cpp" line="+33"/>
        <source>cannot read the peer&apos;s credentials (SO_PEERCRED): %1</source>
        <translation>无法读取对端的凭据（SO_PEERCRED）：%1</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>uid %1 is not in the user database: %2</source>
        <translation>uid %1 不在用户数据库中：%2</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1 (uid %2) is not root, and group &apos;%3&apos; does not exist</source>
        <translation>%1（uid %2）不是 root，且组“%3”不存在</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 (uid %2) is neither root nor a member of group &apos;%3&apos;</source>
        <translation>%1（uid %2）既不是 root，也不是组“%3”的成员</translation>
    </message>
    <message>
        <location filename="../engine/service/recordingcontrol.cpp" line="+70"/>
        <location line="+213"/>
        <source>nothing is being recorded</source>
        <translation>没有正在进行的录制</translation>
    </message>
    <message>
        <location line="-177"/>
        <source>busy, recording since %1 (recording %2, started by %3)</source>
        <translation>忙碌，自 %1 起正在录制（录制 %2，由 %3 启动）</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>recording %1: %2</source>
        <translation>录制 %1：%2</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>recording %1 for %2: record %3</source>
        <translation>为 %2 录制 %1：record %3</translation>
    </message>
    <message>
        <location line="+62"/>
        <source>live tail of %1: %2</source>
        <translation>%1 的实时输出：%2</translation>
    </message>
    <message>
        <location line="+62"/>
        <source>recording %1 did not start: %2</source>
        <translation>录制 %1 未能启动：%2</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>recording %1 finished: %2 events, %3 lost%4</source>
        <translation>录制 %1 已结束：%2 个事件，丢失 %3 个%4</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>recording %1 was started by %2; only they or root may stop it</source>
        <translation>录制 %1 由 %2 启动；只有其本人或 root 可以停止它</translation>
    </message>
    <message>
        <location filename="../engine/service/recordingstore.cpp" line="+40"/>
        <source>%1 belongs to uid %2, not to the helper&apos;s user</source>
        <translation>%1 属于 uid %2，而不属于 helper 的用户</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 may be changed by others (mode %2)</source>
        <translation>%1 可被他人更改（模式 %2）</translation>
    </message>
    <message>
        <location line="+11"/>
        <location line="+48"/>
        <location filename="../engine/service/unixlistener.cpp" line="+73"/>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <location line="-44"/>
        <source>%1, above the data directory, may be changed by others than root</source>
        <translation>%1（位于数据目录之上）可被 root 以外的用户更改</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>the data directory %1 is refused: it is a symlink</source>
        <translation>拒绝使用数据目录 %1：它是符号链接</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>cannot open the data directory %1: %2</source>
        <translation>无法打开数据目录 %1：%2</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>it is a symlink or no directory</source>
        <translation>它是符号链接或不是目录</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+2"/>
        <source>the data directory is refused: %1</source>
        <translation>拒绝使用数据目录：%1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>another ftlens-helper serves %1</source>
        <translation>另一个 ftlens-helper 正在为 %1 提供服务</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>cannot lock %1: %2</source>
        <translation>无法锁定 %1：%2</translation>
    </message>
    <message>
        <location line="+54"/>
        <location line="+11"/>
        <location line="+34"/>
        <location filename="../engine/service/storerequests.cpp" line="+95"/>
        <location line="+8"/>
        <source>no recording &apos;%1&apos;</source>
        <translation>没有录制“%1”</translation>
    </message>
    <message>
        <location line="-42"/>
        <source>cannot open recording %1: %2</source>
        <translation>无法打开录制 %1：%2</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>cannot remove recording %1: %2</source>
        <translation>无法删除录制 %1：%2</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>recording %1: its write-ahead log could not be folded in</source>
        <translation>录制 %1：无法合并其预写日志</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>recording %1 was left unfinished (a helper stopped while recording): kept, marked incomplete</source>
        <translation>录制 %1 未完成（helper 在录制时停止）：已保留，并标记为不完整</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>recording %1 was left unfinished and cannot be repaired: %2</source>
        <translation>录制 %1 未完成且无法修复：%2</translation>
    </message>
    <message>
        <location filename="../engine/service/serve.cpp" line="+50"/>
        <source>root is needed to serve recordings (tracefs is root-only): start it through pkexec, sudo or as a system service</source>
        <translation>提供录制服务需要 root 权限（tracefs 仅限 root）：请通过 pkexec、sudo 或作为系统服务启动它</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>cannot tell who invoked the helper: %1</source>
        <translation>无法确定是谁调用了 helper：%1</translation>
    </message>
    <message>
        <location filename="../engine/service/storerequests.cpp" line="-11"/>
        <source>&apos;%1&apos; is not a recording id (ids look like 20250101-120000-a1b2c3)</source>
        <translation>“%1”不是录制 ID（ID 形如 20250101-120000-a1b2c3）</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>recording %1 is still being recorded</source>
        <translation>录制 %1 仍在进行中</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>fetch.offset %1 is outside recording %2 (%3 bytes)</source>
        <translation>fetch.offset %1 超出了录制 %2 的范围（%3 字节）</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>no fetch with request id %1 is running</source>
        <translation>没有请求 ID 为 %1 的获取正在进行</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>recording %1 deleted by %2</source>
        <translation>录制 %1 已被 %2 删除</translation>
    </message>
    <message>
        <location filename="../engine/service/unixlistener.cpp" line="+2"/>
        <source>%1 exists and is not a socket: refusing to replace it</source>
        <translation>%1 已存在且不是套接字：拒绝替换它</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>another helper already listens on %1</source>
        <translation>另一个 helper 已在 %1 上监听</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>cannot remove the stale socket %1: %2</source>
        <translation>无法删除过时的套接字 %1：%2</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>%1: not a usable socket path (at most %2 bytes)</source>
        <translation>%1：不是可用的套接字路径（最多 %2 字节）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>cannot create a socket: %1</source>
        <translation>无法创建套接字：%1</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>cannot listen on %1: %2</source>
        <translation>无法在 %1 上监听：%2</translation>
    </message>
</context>
<context>
    <name>ServiceClient</name>
    <message>
        <location filename="../engine/serviceclient/fetchfile.cpp" line="+44"/>
        <source>%1: cannot write: %2</source>
        <translation>%1：无法写入：%2</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>%1: the helper starts at byte %2, not at %3</source>
        <translation>%1：helper 从字节 %2 开始，而不是 %3</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1: the recording (%2 bytes) is shorter than what is here already (%3 bytes): not the same recording</source>
        <translation>%1：录制文件（%2 字节）比此处已有的（%3 字节）短：不是同一个录制文件</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>%1: cannot read what was fetched before: %2</source>
        <translation>%1：无法读取之前获取的内容：%2</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>it is shorter</source>
        <translation>它更短</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>%1: the helper sent bytes %2 to %3, expected them from %4 on (of %5)</source>
        <translation>%1：helper 发送了字节 %2 到 %3，预期从 %4 开始（共 %5）</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>%1: writing failed: %2</source>
        <translation>%1：写入失败：%2</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>%1: the fetch ended after %2 of %3 bytes</source>
        <translation>%1：获取在 %2 / %3 字节后结束</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1: the bytes received do not match the recording (SHA-256 %2, the helper&apos;s %3)</source>
        <translation>%1：收到的字节与录制文件不匹配（SHA-256 %2，helper 的为 %3）</translation>
    </message>
    <message>
        <location filename="../engine/serviceclient/helperconnection.cpp" line="+75"/>
        <source>the helper at %1 closed the connection</source>
        <translation>位于 %1 的 helper 关闭了连接</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>cannot reach the helper at %1: %2</source>
        <translation>无法连接到位于 %1 的 helper：%2</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>pkexec is not installed (Debian package pkexec), so the helper cannot be started with administrator rights; or connect to a running helper&apos;s socket</source>
        <translation>未安装 pkexec（Debian 软件包 pkexec），因此无法以管理员权限启动 helper；或者请连接到正在运行的 helper 的套接字</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>cannot start %1: %2</source>
        <translation>无法启动 %1：%2</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>the helper ended (exit status %1)%2</source>
        <translation>helper 已结束（退出状态 %1）%2</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>not connected to a helper</source>
        <translation>未连接到 helper</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>the helper sent a broken stream: %1</source>
        <translation>helper 发送了损坏的流：%1</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>the helper sent a message this client does not understand: %1</source>
        <translation>helper 发送了此客户端无法理解的消息：%1</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>the helper refused this client: %1</source>
        <translation>helper 拒绝了此客户端：%1</translation>
    </message>
    <message>
        <location line="+115"/>
        <source>the fetch was cancelled</source>
        <translation>获取已取消</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>the connection was closed</source>
        <translation>连接已关闭</translation>
    </message>
    <message>
        <location filename="../engine/serviceclient/helpertarget.cpp" line="+37"/>
        <source>&apos;%1&apos; is not a helper target: give unix:PATH (a running helper&apos;s socket, e.g. unix:%2) or pkexec (start one through polkit)</source>
        <translation>“%1”不是 helper 目标：请提供 unix:PATH（正在运行的 helper 的套接字，例如 unix:%2）或 pkexec（通过 polkit 启动一个）</translation>
    </message>
    <message>
        <location line="+22"/>
        <source> (pkexec: %1)</source>
        <translation>（pkexec：%1）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the password dialog was dismissed: recording needs administrator rights</source>
        <translation>密码对话框被关闭：录制需要管理员权限</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>administrator rights to record were refused (wrong password, or polkit does not allow this user)</source>
        <translation>录制所需的管理员权限被拒绝（密码错误，或 polkit 不允许此用户）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>polkit has no authentication agent to ask for the password: start one (a desktop session has it; on a terminal, pkttyagent) or connect to a running helper&apos;s socket</source>
        <translation>polkit 没有可询问密码的身份验证代理：请启动一个（桌面会话中自带；在终端中可用 pkttyagent），或连接到正在运行的 helper 的套接字</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>polkit is not running (polkitd on the system D-Bus), so pkexec cannot ask for administrator rights; connect to a running helper&apos;s socket instead</source>
        <translation>polkit 未运行（系统 D-Bus 上的 polkitd），因此 pkexec 无法请求管理员权限；请改为连接到正在运行的 helper 的套接字</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the helper is not installed at %1, the one path polkit lets pkexec run for ftlens</source>
        <translation>helper 未安装在 %1，而这是 polkit 允许 pkexec 为 ftlens 运行的唯一路径</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>pkexec ended with status %1</source>
        <translation>pkexec 以状态 %1 结束</translation>
    </message>
</context>
<context>
    <name>Storage</name>
    <message>
        <location filename="../storage/csvwriter.cpp" line="+35"/>
        <source>%1: cannot write: %2</source>
        <translation>%1：无法写入：%2</translation>
    </message>
    <message>
        <location line="+61"/>
        <location line="+13"/>
        <location line="+4"/>
        <source>%1: write failed: %2</source>
        <translation>%1：写入失败：%2</translation>
    </message>
    <message>
        <location filename="../storage/eventcsvexport.cpp" line="+130"/>
        <location filename="../storage/sqlitedb.cpp" line="+140"/>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <location filename="../storage/callcsvexport.cpp" line="+58"/>
        <source>cannot read the task names</source>
        <translation>无法读取任务名</translation>
    </message>
    <message>
        <location line="+56"/>
        <location filename="../storage/eventcsvexport.cpp" line="+37"/>
        <source>export cancelled</source>
        <translation>导出已取消</translation>
    </message>
    <message>
        <location line="+3"/>
        <location filename="../storage/callindexbuilder.cpp" line="+90"/>
        <location line="+10"/>
        <location line="+22"/>
        <location filename="../storage/callquery.cpp" line="+184"/>
        <location filename="../storage/callsummaryreader.cpp" line="+107"/>
        <source>cannot read the call table</source>
        <translation>无法读取调用表</translation>
    </message>
    <message>
        <location filename="../storage/eventquery.cpp" line="+41"/>
        <source>no events of type %1 in this recording</source>
        <translation>此录制文件中没有 %1 类型的事件</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>filter: %1</source>
        <translation>过滤：%1</translation>
    </message>
    <message>
        <location line="+81"/>
        <location filename="../storage/statisticsquery.cpp" line="+77"/>
        <source>cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>cannot read events</source>
        <translation>无法读取事件</translation>
    </message>
    <message>
        <location line="+19"/>
        <location filename="../storage/statisticsquery.cpp" line="+62"/>
        <source>cannot count events</source>
        <translation>无法统计事件</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>cannot read event %1</source>
        <translation>无法读取事件 %1</translation>
    </message>
    <message>
        <location filename="../storage/filterexpression.cpp" line="+106"/>
        <source>&apos;=&apos; is not an operator; use &apos;==&apos;</source>
        <translation>“=”不是运算符；请使用“==”</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>&apos;&amp;&apos; is not an operator; use &apos;&amp;&amp;&apos;</source>
        <translation>“&amp;”不是运算符；请使用“&amp;&amp;”</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&apos;|&apos; is not an operator; use &apos;||&apos;</source>
        <translation>“|”不是运算符；请使用“||”</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>unexpected character &apos;%1&apos;</source>
        <translation>意外的字符“%1”</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>&apos;%1&apos; is not an integer (or is out of range)</source>
        <translation>“%1”不是整数（或超出范围）</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>unknown escape &apos;\%1&apos; in a string</source>
        <translation>字符串中未知的转义“\%1”</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>string not terminated (missing &apos;&quot;&apos;)</source>
        <translation>字符串未结束（缺少“&quot;”）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>the end</source>
        <translation>结尾</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>unexpected %1 after the expression</source>
        <translation>表达式之后出现意外的 %1</translation>
    </message>
    <message>
        <location line="+68"/>
        <source>expected a comparison after &apos;%1&apos;</source>
        <translation>“%1”之后需要一个比较</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>expected &apos;)&apos; for the &apos;(&apos; at column %1, found %2</source>
        <translation>第 %1 列的“(”需要对应的“)”，但遇到了 %2</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>expected a field name, found %1</source>
        <translation>需要一个字段名，但遇到了 %1</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>expected a comparison operator (== != &lt; &lt;= &gt; &gt;= ~ !~) after &apos;%1&apos;, found %2</source>
        <translation>“%1”之后需要比较运算符（== != &lt; &lt;= &gt; &gt;= ~ !~），但遇到了 %2</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>expected a value after &apos;%1&apos;</source>
        <translation>“%1”之后需要一个值</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>column %1: %2</source>
        <translation>第 %1 列：%2</translation>
    </message>
    <message>
        <source>cannot read events: %1</source>
        <translation type="vanished">无法读取事件：%1</translation>
    </message>
    <message>
        <location filename="../storage/recordingreader.cpp" line="+28"/>
        <source>%1: not an ftlens recording (not an SQLite database)</source>
        <translation>%1：不是 ftlens 录制文件（不是 SQLite 数据库）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1: the recording is corrupt or truncated (%2)</source>
        <translation>%1：录制文件已损坏或被截断（%2）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1: cannot read the recording: %2</source>
        <translation>%1：无法读取录制文件：%2</translation>
    </message>
    <message>
        <source>cannot write the call index version</source>
        <translation type="vanished">无法写入调用索引版本</translation>
    </message>
    <message>
        <location filename="../storage/callindexbuilder.cpp" line="-41"/>
        <source>cannot prepare the call index</source>
        <translation>无法准备调用索引</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>%1: building the call index was cancelled</source>
        <translation>%1：调用索引的构建已取消</translation>
    </message>
    <message>
        <source>cannot write call_open_end</source>
        <translation type="vanished">无法写入 call_open_end</translation>
    </message>
    <message>
        <source>cannot write call_summary</source>
        <translation type="vanished">无法写入 call_summary</translation>
    </message>
    <message>
        <source>cannot write call_task</source>
        <translation type="vanished">无法写入 call_task</translation>
    </message>
    <message>
        <location filename="../storage/callindex.cpp" line="+63"/>
        <location filename="../storage/recordingreader.cpp" line="+47"/>
        <location filename="../storage/timelineindex.cpp" line="+247"/>
        <source>%1: no such file</source>
        <translation>%1：没有此文件</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>call index</source>
        <translation>调用索引</translation>
    </message>
    <message>
        <source>cannot attach the call index</source>
        <translation type="vanished">无法附加调用索引</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>%1: the recording has no call index yet</source>
        <translation>%1：录制文件还没有调用索引</translation>
    </message>
    <message>
        <location filename="../storage/recordingreader.cpp" line="-41"/>
        <source>%1: the recording is damaged: %2</source>
        <translation>%1：录制文件已损坏：%2</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>%1: not a readable file</source>
        <translation>%1：不是可读的文件</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1: not an ftlens recording (empty file)</source>
        <translation>%1：不是 ftlens 录制文件（空文件）</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>%1: not an ftlens recording (an SQLite database of another application)</source>
        <translation>%1：不是 ftlens 录制文件（是其他应用程序的 SQLite 数据库）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1: written by a newer ftlens (schema version %2; this build reads up to version %3)</source>
        <translation>%1：由更新版本的 ftlens 写入（架构版本 %2；此版本最高只能读取版本 %3）</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>event_type row %1 has no valid id or field table</source>
        <translation>event_type 表中的行 %1 没有有效的 id 或字段表</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>its table %1 is missing</source>
        <translation>缺少 %1 表</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>its event ids run from %1 to %2 (ids count the events from 1)</source>
        <translation>其事件 ID 范围为 %1 到 %2（ID 应从 1 开始为事件编号）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>its event ids run from %1 to %2, more than the file can hold</source>
        <translation>其事件 ID 范围为 %1 到 %2，超出了该文件所能容纳的数量</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>its events run from %1 ns to %2 ns (timestamps go from 0 to %3 ns, in id order)</source>
        <translation>其事件时间范围为 %1 ns 到 %2 ns（时间戳应在 0 到 %3 ns 之间，并按 ID 顺序排列）</translation>
    </message>
    <message>
        <location line="+59"/>
        <source>its event table has %1 rows under the ids %2 to %3 (ids have no gaps)</source>
        <translation>其事件表在 ID %2 到 %3 之间有 %1 行（ID 应连续无间隔）</translation>
    </message>
    <message>
        <location filename="../storage/recordingwriter.cpp" line="+73"/>
        <source>%1: cannot create the recording: the directory %2 does not exist</source>
        <translation>%1：无法创建录制文件：目录 %2 不存在</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1: cannot create the recording: the directory %2 is not writable</source>
        <translation>%1：无法创建录制文件：目录 %2 不可写</translation>
    </message>
    <message>
        <location filename="../storage/recordingfiles.cpp" line="+33"/>
        <location filename="../storage/recordingwriter.cpp" line="+4"/>
        <source>%1: cannot replace the existing file</source>
        <translation>%1：无法替换现有文件</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1: cannot write the file: %2</source>
        <translation>%1：无法写入文件：%2</translation>
    </message>
    <message>
        <location filename="../storage/recordingwriter.cpp" line="+76"/>
        <source>%1: the recording stopped after an earlier write error</source>
        <translation>%1：由于先前的写入错误，录制已停止</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>%1: disk full while writing %2; the recording is kept up to the last commit</source>
        <translation>%1：写入 %2 时磁盘已满；录制文件保留到最后一次提交为止</translation>
    </message>
    <message>
        <location filename="../storage/callindexbuilder.cpp" line="-73"/>
        <location filename="../storage/recordingwriter.cpp" line="+2"/>
        <location filename="../storage/timelineindexer.cpp" line="+137"/>
        <source>cannot write %1</source>
        <translation>无法写入 %1</translation>
    </message>
    <message>
        <location filename="../storage/recordingwriter.cpp" line="+31"/>
        <source>cannot register event type %1:%2</source>
        <translation>无法注册事件类型 %1:%2</translation>
    </message>
    <message>
        <location line="+124"/>
        <source>%1: event ids out of step (SQLite gave %2, expected %3)</source>
        <translation>%1：事件 ID 不同步（SQLite 给出 %2，预期为 %3）</translation>
    </message>
    <message>
        <location filename="../storage/sqlitedb.cpp" line="-39"/>
        <source>%1: cannot open: %2</source>
        <translation>%1：无法打开：%2</translation>
    </message>
    <message>
        <location line="+49"/>
        <source>cannot prepare query</source>
        <translation>无法准备查询</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>query failed</source>
        <translation>查询失败</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>%1: %2: %3</source>
        <translation>%1：%2：%3</translation>
    </message>
    <message>
        <location filename="../storage/statisticsquery.cpp" line="-73"/>
        <source>cannot read the time of event %1</source>
        <translation>无法读取事件 %1 的时间</translation>
    </message>
    <message>
        <location line="+80"/>
        <source>unknown type %1</source>
        <translation>未知类型 %1</translation>
    </message>
    <message>
        <location filename="../storage/cpusummaryreader.cpp" line="+65"/>
        <location filename="../storage/statisticsquery.cpp" line="+86"/>
        <location filename="../storage/taskbusyreader.cpp" line="+55"/>
        <location line="+15"/>
        <location line="+10"/>
        <location line="+19"/>
        <location filename="../storage/timelineindexer.cpp" line="+180"/>
        <source>cannot read sched_slice</source>
        <translation>无法读取 sched_slice</translation>
    </message>
    <message>
        <location line="+89"/>
        <source>cannot read cpu_summary</source>
        <translation>无法读取 cpu_summary</translation>
    </message>
    <message>
        <location filename="../storage/statisticsquery.cpp" line="+59"/>
        <source>cannot read sched_switch events</source>
        <translation>无法读取 sched_switch 事件</translation>
    </message>
    <message>
        <source>cannot prepare the timeline index</source>
        <translation type="vanished">无法准备时间线索引</translation>
    </message>
    <message>
        <source>cannot read event types</source>
        <translation type="vanished">无法读取事件类型</translation>
    </message>
    <message>
        <source>cannot read sched_switch fields</source>
        <translation type="vanished">无法读取 sched_switch 字段</translation>
    </message>
    <message>
        <location filename="../storage/cpusummaryreader.cpp" line="-53"/>
        <location filename="../storage/timelineindex.cpp" line="-172"/>
        <location line="+43"/>
        <source>cannot read the event table</source>
        <translation>无法读取事件表</translation>
    </message>
    <message>
        <location filename="../storage/timelineindex.cpp" line="-3"/>
        <source>%1: building the timeline index was cancelled</source>
        <translation>%1：时间线索引的构建已取消</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>cannot copy the timeline index</source>
        <translation>无法复制时间线索引</translation>
    </message>
    <message>
        <source>cannot write sched_slice</source>
        <translation type="vanished">无法写入 sched_slice</translation>
    </message>
    <message>
        <source>cannot write cpu_summary</source>
        <translation type="vanished">无法写入 cpu_summary</translation>
    </message>
    <message>
        <location line="+100"/>
        <source>timeline index</source>
        <translation>时间线索引</translation>
    </message>
    <message>
        <source>%1: cannot create the cache directory for the %2</source>
        <translation type="vanished">%1：无法为%2创建缓存目录</translation>
    </message>
    <message>
        <location filename="../storage/indextarget.cpp" line="+59"/>
        <source>%1: cannot write the %2 into the recording: the file is not writable</source>
        <translation>%1：无法将%2写入录制文件：文件不可写</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>%1: no place for the %2: the recording cannot be read or there is no cache directory</source>
        <translation>%1：没有存放%2的位置：录制文件无法读取，或没有缓存目录</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>%1: cannot create a file in the index cache %2: %3</source>
        <translation>%1：无法在索引缓存 %2 中创建文件：%3</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>cannot read the recording %1</source>
        <translation>无法读取录制文件 %1</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>%1: cannot put the index in place</source>
        <translation>%1：无法将索引放到位</translation>
    </message>
    <message>
        <source>cannot attach the timeline index</source>
        <translation type="vanished">无法附加时间线索引</translation>
    </message>
    <message>
        <location filename="../storage/timelineindex.cpp" line="-9"/>
        <source>%1: the recording has no timeline index yet</source>
        <translation>%1：录制文件还没有时间线索引</translation>
    </message>
    <message>
        <location filename="../storage/callslicequery.cpp" line="+51"/>
        <location filename="../storage/timelinequery.cpp" line="+82"/>
        <source>cannot read %1</source>
        <translation>无法读取 %1</translation>
    </message>
    <message>
        <location filename="../storage/timelinequery.cpp" line="+240"/>
        <source>%1: no event %2</source>
        <translation>%1：没有事件 %2</translation>
    </message>
    <message>
        <location filename="../storage/callquery.cpp" line="-134"/>
        <source>cannot read the name of function string %1</source>
        <translation>无法读取函数字符串 %1 的名称</translation>
    </message>
    <message>
        <location line="+93"/>
        <source>no function calls in %1: record with -p function_graph or import function_graph text</source>
        <translation>%1 中没有函数调用：请使用 -p function_graph 录制，或导入 function_graph 文本</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>%1: loading the calls was cancelled</source>
        <translation>%1：调用的加载已取消</translation>
    </message>
    <message>
        <location filename="../storage/calltable.cpp" line="+90"/>
        <source>%1: the recording is damaged: its string ids reach %2</source>
        <translation>%1：录制文件已损坏：其字符串 ID 达到了 %2</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>cannot read the string table</source>
        <translation>无法读取字符串表</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>cannot store the function name %1</source>
        <translation>无法存储函数名 %1</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>cannot write call %1</source>
        <translation>无法写入调用 %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1: building the call table was cancelled</source>
        <translation>%1：调用表的构建已取消</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>cannot write the calls</source>
        <translation>无法写入调用</translation>
    </message>
    <message>
        <location filename="../storage/kernelsymbols.cpp" line="+26"/>
        <source>cannot write the kernel symbol names</source>
        <translation>无法写入内核符号名</translation>
    </message>
    <message>
        <location filename="../storage/failure.cpp" line="+22"/>
        <source>out of memory</source>
        <translation>内存不足</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>out of memory (a size beyond what can be allocated)</source>
        <translation>内存不足（请求的大小超出了可分配的范围）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>unexpected error: %1</source>
        <translation>意外错误：%1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>unexpected error</source>
        <translation>意外错误</translation>
    </message>
    <message>
        <location filename="../storage/filterfields.cpp" line="+43"/>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>, … (%n more)</source>
        <translation>
            <numerusform>, …（另有 %n 个）</numerusform>
        </translation>
    </message>
    <message>
        <location line="+6"/>
        <source>(and cpu, pid, comm, ts of every event)</source>
        <translation>（以及每个事件都有的 cpu、pid、comm、ts）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 has no field &apos;%2&apos;; its fields: %3 %4</source>
        <translation>%1 没有字段“%2”；它的字段：%3 %4</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>none of the selected event types (%1) has a field &apos;%2&apos;; their fields: %3 %4</source>
        <translation>所选的事件类型（%1）都没有字段“%2”；它们的字段：%3 %4</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>no event type of this recording has a field &apos;%1&apos;; their fields: %2 %3</source>
        <translation>此录制文件中没有任何事件类型有字段“%1”；它们的字段：%2 %3</translation>
    </message>
    <message>
        <location filename="../storage/forwardcursor.cpp" line="+28"/>
        <source>%1: cannot read events: %2</source>
        <translation>%1：无法读取事件：%2</translation>
    </message>
    <message>
        <source>cannot read the CPUs of cpu_summary</source>
        <translation type="vanished">无法读取 cpu_summary 中的 CPU</translation>
    </message>
    <message>
        <location filename="../storage/recordingcpus.cpp" line="+32"/>
        <source>cannot read the CPUs</source>
        <translation>无法读取 CPU 列表</translation>
    </message>
    <message>
        <location filename="../storage/callsummaryreader.cpp" line="-30"/>
        <source>cannot read call_open_end</source>
        <translation>无法读取 call_open_end</translation>
    </message>
    <message>
        <location line="+75"/>
        <source>cannot read call_summary</source>
        <translation>无法读取 call_summary</translation>
    </message>
    <message>
        <location filename="../storage/eventtime.cpp" line="+38"/>
        <source>cannot read the timestamp of event %1</source>
        <translation>无法读取事件 %1 的时间戳</translation>
    </message>
    <message>
        <location filename="../storage/timelineindexer.cpp" line="+27"/>
        <source>cannot write timeline_cpu</source>
        <translation>无法写入 timeline_cpu</translation>
    </message>
</context>
<context>
    <name>Synth</name>
    <message>
        <location filename="../engine/synth/synthrecording.cpp" line="+182"/>
        <source>%1: cancelled after %2 events</source>
        <translation>%1：在 %2 个事件后取消</translation>
    </message>
</context>
<context>
    <name>Tr</name>
    <message>
        <location filename="../engine/analysis/probecalltable.cpp" line="-142"/>
        <source>cannot read the events of %1</source>
        <translation>无法读取 %1 的事件</translation>
    </message>
    <message>
        <location filename="../engine/calls/recordedcalls.cpp" line="+136"/>
        <source>building the call table was cancelled</source>
        <translation>调用表的构建已取消</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>cannot read the function tracer events (SQLite error %1)</source>
        <translation>无法读取 function 跟踪器事件（SQLite 错误 %1）</translation>
    </message>
    <message>
        <location filename="../engine/import/ftracetextimporter.cpp" line="-293"/>
        <source>not an ftrace event line (no COMM-PID [CPU] columns)</source>
        <translation>不是 ftrace 事件行（没有 COMM-PID [CPU] 列）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>no timestamp after the CPU column</source>
        <translation>CPU 列之后没有时间戳</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the timestamp is not a number of seconds</source>
        <translation>时间戳不是秒数</translation>
    </message>
    <message>
        <source>a stack frame without its &lt;stack trace&gt; event</source>
        <translation type="vanished">缺少其 &lt;stack trace&gt; 事件的栈帧</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>a stack frame without its event</source>
        <translation>缺少其事件的栈帧</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the last line is cut short</source>
        <translation>最后一行被截断</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the CPU number is beyond what a kernel has (CPUs 0 to %1)</source>
        <translation>CPU 编号超出了内核可能有的范围（CPU 0 到 %1）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the timestamp is outside 0 to %1 s, what a recording holds</source>
        <translation>时间戳超出了录制文件能容纳的范围（0 到 %1 秒）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the CPU count is beyond what a kernel has (at most %1); ignored</source>
        <translation>CPU 数超出了内核可能有的数量（最多 %1 个）；已忽略</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>an event type beyond the %1 a recording holds</source>
        <translation>事件类型超出了录制文件能容纳的 %1 种</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>more fields than the %1 an event type holds</source>
        <translation>字段数超出了一个事件类型能容纳的 %1 个</translation>
    </message>
    <message>
        <source>not a function_graph line</source>
        <translation type="vanished">不是 function_graph 行</translation>
    </message>
    <message>
        <location line="+167"/>
        <source>%1: no ftrace event lines found; line %2: %3</source>
        <translation>%1：未找到 ftrace 事件行；第 %2 行：%3</translation>
    </message>
    <message>
        <location filename="../engine/recorder/probedefinition.cpp" line="-167"/>
        <location filename="../engine/recorder/uprobetarget.cpp" line="-81"/>
        <source>column %1: %2</source>
        <translation>第 %1 列：%2</translation>
    </message>
    <message>
        <location filename="../engine/recorder/tracefsroot.cpp" line="-51"/>
        <source>%1: not a directory</source>
        <translation>%1：不是目录</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 is not a tracing directory the helper may use: %2 can be changed by user %3 or others</source>
        <translation>%1 不是 helper 可以使用的跟踪目录：%2 可被用户 %3 或其他用户更改</translation>
    </message>
    <message>
        <location line="+82"/>
        <source>%1: cannot open for writing: %2</source>
        <translation>%1：无法打开以写入：%2</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>%1: writing &apos;%2&apos; failed: %3</source>
        <translation>%1：写入“%2”失败：%3</translation>
    </message>
    <message>
        <location filename="../engine/recorder/uprobedefinition.cpp" line="+18"/>
        <source>bad probe definition &apos;%1&apos;: %2</source>
        <translation>错误的探针定义“%1”：%2</translation>
    </message>
    <message>
        <location filename="../engine/synth/synthrecording.cpp" line="+26"/>
        <source>%1: the number of events must not be negative</source>
        <translation>%1：事件数不能为负数</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1: the number of CPUs must be between 1 and 4096</source>
        <translation>%1：CPU 数必须在 1 到 4096 之间</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1: the number of tasks must be between 1 and 1000000</source>
        <translation>%1：任务数必须在 1 到 1000000 之间</translation>
    </message>
    <message>
        <location filename="../engine/recorder/invokinguser.cpp" line="-90"/>
        <source>SUDO_USER=&apos;%1&apos; is not the invoking user %2 (uid %3)</source>
        <translation>SUDO_USER=&apos;%1&apos; 不是发起调用的用户 %2（uid %3）</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>SUDO_GID=&apos;%1&apos; is not a group of the invoking user %2</source>
        <translation>SUDO_GID=&apos;%1&apos; 不是发起调用的用户 %2 所属的组</translation>
    </message>
    <message>
        <location filename="../engine/recorder/userfilesvfs.cpp" line="+172"/>
        <source>SQLite has no unix VFS to write recordings through</source>
        <translation>SQLite 没有可用于写入录制文件的 unix VFS</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>cannot register the SQLite VFS that writes recordings as %1</source>
        <translation>无法注册以 %1 身份写入录制文件的 SQLite VFS</translation>
    </message>
    <message>
        <location filename="../engine/cli/indexcommand.cpp" line="-49"/>
        <source>%1: %2%</source>
        <translation>%1：%2%</translation>
    </message>
    <message>
        <location filename="../engine/export/tracedatexporter.cpp" line="-127"/>
        <source>libtracecmd could not write %1</source>
        <translation>libtracecmd 无法写入 %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>the file</source>
        <translation>文件</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>its header (version %1, compression %2)</source>
        <translation>其文件头（版本 %1，压缩 %2）</translation>
    </message>
    <message>
        <location line="+12"/>
        <location filename="../engine/import/tracedatsections.cpp" line="-177"/>
        <source>the event formats</source>
        <translation>事件格式</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>the CPU data</source>
        <translation>CPU 数据</translation>
    </message>
    <message>
        <location filename="../engine/import/tracedatsections.cpp" line="-8"/>
        <source>an option section</source>
        <translation>一个选项节</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the strings section</source>
        <translation>字符串节</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the ring-buffer headers (header_page, header_event)</source>
        <translation>环形缓冲区头（header_page、header_event）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the ftrace event formats</source>
        <translation>ftrace 事件格式</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>the kernel symbols (kallsyms)</source>
        <translation>内核符号（kallsyms）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the printk formats</source>
        <translation>printk 格式</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the task names (saved_cmdlines)</source>
        <translation>任务名（saved_cmdlines）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>section %1</source>
        <translation>第 %1 节</translation>
    </message>
    <message>
        <location filename="../engine/service/recordingstore.cpp" line="-172"/>
        <source>cannot create %1</source>
        <translation>无法创建 %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>cannot create the data directory %1: %2</source>
        <translation>无法创建数据目录 %1：%2</translation>
    </message>
</context>
</TS>
