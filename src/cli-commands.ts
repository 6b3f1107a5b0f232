import { Option, type Command } from 'commander';
import type { Lazy } from './cli.js';

/** Where each command sits in `orders --help`: the owner's day, in order. */
const GROUPS: Record<string, string[]> = {
  'Getting started:': ['init', 'config', 'demo', 'terms', 'templates'],
  'Taking orders:': ['add', 'pay', 'confirm'],
  'The pickup window:': ['today', 'ready', 'remind', 'pickup', 'receipt', 'contact', 'message', 'extend', 'deliver', 'sweep'],
  'When things go wrong:': ['edit', 'cancel', 'refund', 'compensate', 'void', 'complaints', 'blacklist'],
  'Looking back:': ['show', 'list', 'customers', 'report', 'verify'],
  'Scripts:': ['export', 'import', 'backup', 'copy', 'completion'],
};

/** Two real examples per command, shown under its --help. */
const EXAMPLES: Record<string, [string, string]> = {
  init: ['orders init --shop-name "Toko Maju" --currency IDR --locale id --timezone Asia/Jakarta', 'orders init --shop-name "Corner Print" --currency USD --locale en --timezone America/New_York --country-code 1'],
  config: ['orders config set storage.fee_per_day 10.000', 'orders config get deposit.min_percent'],
  demo: ['orders demo', 'orders demo --db /tmp/toko-demo.db && orders --db /tmp/toko-demo.db today'],
  terms: ['orders terms', 'orders terms --lang en'],
  templates: ['orders templates list', 'orders templates show pickup-overdue --lang en'],
  add: ['orders add --customer "Budi Santoso" --phone 0812-3456-7890 --item "Kaos sablon:24:85.000" --pickup 2026-12-01', 'orders add --customer "Ann Lee" --phone +12125550100 --item "Banner 2:1 ratio:1:45.00" --pickup +3d --deposit 100% --custom'],
  pay: ['orders pay 12 1.020.000 --method transfer', 'orders pay 12 500000'],
  confirm: ['orders confirm 12 --via whatsapp', 'orders confirm 12 --via email --note "Ya, 24 kaos hitam ukuran L, setuju"'],
  today: ['orders today', 'orders today --json | jq .tonight'],
  ready: ['orders ready 12', 'orders ready 12 --pickup tomorrow --lang en'],
  remind: ['orders remind', 'orders remind --send'],
  receipt: ['orders receipt 12 --width 32 | lp -d thermal', 'orders receipt 12 --pdf nota-12.pdf'],
  pickup: ['orders pickup 12', 'orders pickup 12 --pay --method transfer'],
  contact: ['orders contact 12 --in --via whatsapp "Saya ambil hari Sabtu ya"', 'orders contact 12 --in --via phone --complaint "Warna tidak sesuai contoh"'],
  message: ['orders message 12 pickup-overdue', 'orders message 12 delivery-offer --lang en --dry-run'],
  extend: ['orders extend 12 --days 3', 'orders extend 12 --until 2026-12-10 --lang en'],
  deliver: ['orders deliver 12 --offer --fee 15.000 --eta tomorrow', 'orders deliver 12 --done --pay --courier JNE --tracking JNE0012345'],
  sweep: ['orders sweep --dry-run', 'orders sweep --now 2026-12-08 --json'],
  cancel: ['orders cancel 12 --by customer --reason "acara batal" --yes', 'orders cancel 12 --by shop --reason "stok kain habis nasional" --yes'],
  compensate: ['orders compensate 12 --kind late --reason "dikirim terlambat 2 hari" --waive-delivery', 'orders compensate 12 --kind defect --reason "sablon luntur" --refund 50.000'],
  refund: ['orders refund 12 all --method transfer', 'orders refund 12 35.000 --reason "kelebihan bayar"'],
  edit: ['orders edit 12 --item "Kaos sablon:30:85.000"', 'orders edit 12 --pickup 2026-12-05 --note "warna hitam"'],
  void: ['orders void 12 --reason "salah input, pesanan dobel" --yes', 'orders list --status void'],
  complaints: ['orders complaints --all', 'orders complaints resolve 3 --note "Dicetak ulang, diambil 5 Des"'],
  blacklist: ['orders blacklist add 0812-3456-7890 --reason "2 kali tidak ambil" --yes', 'orders blacklist list --all'],
  show: ['orders show 12', 'orders show 12 --json'],
  list: ['orders list --status ready --pickup-to today', 'orders list --customer 0812-3456-7890 --format csv'],
  customers: ['orders customers set 0812-3456-7890 --salutation bu --lang en', 'orders customers set 0812-3456-7890 --name "Budi Santoso"'],
  report: ['orders report --by month --from 2026-01-01', 'orders report --by customer --format csv > customers.csv'],
  verify: ['orders verify', 'orders verify --head COUNT:HASH'],
  export: ['orders export orders --format csv > orders.csv', 'orders export payments --format ndjson --from 2026-11-01'],
  import: ['orders import orders.csv --dry-run', 'orders export orders | orders --db new.db import -'],
  backup: ['orders backup ~/backups/orders-$(date +%F).db', 'orders --db /srv/shop.db backup /mnt/usb/shop.db'],
  copy: ['orders copy --to postgres://shop@db.local:5432/toko', 'orders --db postgres://shop@db.local/toko copy --to ~/toko-copy.db'],
  completion: ['orders completion bash > ~/.local/share/bash-completion/completions/orders', 'orders completion zsh > ~/.zfunc/_orders'],
};

/**
 * The one declaration of a listing's output format (as sqlite-utils' output_options): the
 * global --json is the same as --format json; the row writer is src/output/rows.ts.
 */
const outputOptions = (choices: string[], fallback: string) =>
  new Option('--format <format>', `output format (default ${fallback}; --json is --format json)`).choices(choices);

/** `--item`, repeatable: add and edit read the same form. */
const items = (what: string) => new Option('--item <DESCRIPTION:QUANTITY:UNIT_PRICE>', what).argParser((v: string, prev: string[] = []) => [...prev, v]);

const method = (what: string) => new Option('--method <method>', what).choices(['cash', 'transfer', 'card', 'other']).default('cash');

/** Every subcommand: flags, arguments, and the module that runs it (loaded only when chosen). */
export function declareCommands(p: Command, lazy: Lazy): void {
  p.command('init').description("create or update the database and the shop's settings")
    .option('--shop-name <name>', 'shop name used in messages')
    .option('--currency <code>', 'ISO 4217 currency code, e.g. IDR')
    .option('--locale <locale>', 'id or en: how money and dates are written')
    .option('--timezone <tz>', 'IANA time zone, e.g. Asia/Jakarta')
    .option('--country-code <code>', 'calling code for local phone numbers, e.g. 62')
    .action(lazy('init'));

  const config = p.command('config').description('read and change policy values');
  config.command('list').description('every setting with its value and default').action(lazy('config', 'list'));
  config.command('get').argument('<key>').description("one setting's value").action(lazy('config', 'get'));
  config.command('set').argument('<key>').argument('<value>').description('change a setting (validated)').action(lazy('config', 'set'));

  p.command('add').description('take a new order')
    .option('--customer <name>', "customer's name")
    .option('--phone <phone>', "customer's phone number")
    .addOption(items('an item; repeat for more'))
    .option('--pickup <date>', 'pickup date: YYYY-MM-DD, today, tomorrow, +3d')
    .option('--deposit <amount|percent%>', 'down payment required (default: deposit.default_percent)')
    .option('--custom', 'custom order: needs written confirmation before production')
    .option('--note <text>', 'a note on the order')
    .option('--override-blacklist <reason>', 'take the order although the customer is blacklisted (logged)')
    .option('--override-deposit <reason>', "accept a DP below what the customer's record asks (logged)")
    .option('--perishable', 'catering, cakes, flowers: never a storage fee')
    .option('--deliver', 'delivered from the start (the pickup date is the delivery date); needs --address')
    .option('--address <text>', 'with --deliver: where to deliver')
    .option('--delivery-fee <amount>', "with --deliver: this order's delivery fee (default delivery.base_fee)")
    .addOption(new Option('--salutation <salutation>', "how messages address this customer, kept for later orders (default: the shop's salutation setting)").choices(['pak', 'bu', 'kak', 'none']))
    .action(lazy('add'));

  p.command('list').description('orders, filtered')
    .option('--status <status>', 'pending, confirmed, ready, completed, cancelled or void (comma-separated; void only when asked)')
    .option('--customer <phone|id>', "one customer's orders")
    .option('--pickup-from <date>', 'pickup on or after')
    .option('--pickup-to <date>', 'pickup on or before')
    .option('--overdue', 'ready orders whose pickup date has passed')
    .option('--limit <n>', 'at most this many')
    .addOption(outputOptions(['table', 'json', 'ndjson', 'csv'], 'table'))
    .action(lazy('list'));

  p.command('show').argument('<id>').description('one order: items, money, terms and timeline').action(lazy('show'));

  p.command('pay').argument('<id>').argument('<amount>').description('record a payment (the first is the DP)')
    .addOption(method('how it was paid'))
    .action(lazy('pay'));

  p.command('confirm').argument('<id>').description("record the customer's written confirmation; production starts")
    .addOption(new Option('--via <channel>', 'where they confirmed').choices(['whatsapp', 'email', 'phone', 'visit', 'other']).makeOptionMandatory())
    .option('--note <text>', "the customer's own words of confirmation")
    .option('--without-deposit', 'start production before the DP is paid (logged)')
    .action(lazy('confirm'));

  p.command('ready').argument('<id>').description('the goods are ready for pickup (or for delivery, on a delivered order)')
    .option('--pickup <date>', 'a new pickup date (on a delivered order, the delivery date)')
    .action(lazy('ready'));

  p.command('pickup').argument('<id>').description('the customer picked the order up')
    .option('--pay', 'settle the open balance now')
    .addOption(method('how the balance was paid'))
    .action(lazy('pickup'));

  p.command('cancel').argument('<id>').description('cancel an order')
    .addOption(new Option('--by <who>', 'who cancelled').choices(['customer', 'shop']).makeOptionMandatory())
    .requiredOption('--reason <text>', 'why')
    .option('--refund <amount|all|none>', 'customer cancellation: what to refund (default none: the DP is forfeited)')
    .option('--offer <text>', 'shop cancellation: an alternative to offer in the apology (a later date, a substitute)')
    .action(lazy('cancel'));

  p.command('receipt').argument('<id>').description("the order's nota (numbered; every print logged): text for a thermal printer, or a PDF")
    .option('--width <columns>', '32 for 58 mm paper, 48 for 80 mm (default 48)')
    .option('--pdf <file>', 'write the receipt as a PDF file, to send over WhatsApp')
    .action(lazy('receipt'));

  p.command('message').argument('<id>').argument('<template>').description('render a message for an order (a preview where it does not apply yet) and log it')
    .option('--dry-run', 'print it without logging it')
    .action(lazy('message'));

  p.command('remind').description('print every message due now, with WhatsApp links, and log them as sent')
    .option('--dry-run', 'show what is due; record nothing')
    .option('--send', 'hand each message to notify.command instead of printing it')
    .action(lazy('remind'));

  p.command('contact').argument('<id>').argument('<text>').description('log a call, chat, visit or e-mail with the customer')
    .option('--in', 'from the customer')
    .option('--out', 'to the customer')
    .addOption(new Option('--via <channel>', 'how').choices(['whatsapp', 'email', 'phone', 'visit', 'other']).makeOptionMandatory())
    .option('--complaint', 'this is a complaint (an inbound one gets its acknowledgement)')
    .action(lazy('contact'));

  p.command('terms').description('the terms and conditions from the current policy').action(lazy('terms'));

  const templates = p.command('templates').description('the message templates');
  templates.command('list').description('each template and where it comes from').action(lazy('templates', 'list', { store: false }));
  templates.command('show').argument('<name>').description('print a template and the values it uses').action(lazy('templates', 'show'));

  p.command('sweep').description('the nightly job: reminders, overdue notices, storage fees, no-show cancellations')
    .option('--dry-run', 'say what it would do and why; change nothing')
    .option('--send', 'afterwards, hand due messages to notify.command')
    .action(lazy('sweep'));

  p.command('extend').argument('<id>').description('hold a ready order free for N more days, or until a date; prints the grace notice')
    .option('--days <n>', 'days from today')
    .option('--until <date>', 'the last free day, e.g. the day the customer said they will come')
    .action(lazy('extend'));

  p.command('deliver').argument('<id>').description('delivery instead of pickup: offer it, accept it, or mark it delivered')
    .option('--offer', 'print the offer with the itemised fee and ETA')
    .option('--accept', 'the customer accepted: add the fee, stop the pickup clock')
    .option('--done', 'delivered: complete the order')
    .option('--after-hours', 'outside working hours (adds the surcharge)')
    .option('--eta <date>', 'estimated arrival (default tomorrow)')
    .option('--fee <amount>', "with --offer: this order's delivery fee instead of delivery.base_fee")
    .option('--courier <name>', 'with --done: the courier, e.g. JNE')
    .option('--tracking <number>', 'with --done: the tracking number (resi)')
    .option('--pay', 'with --done: settle the open balance now')
    .addOption(method('how the balance was paid'))
    .action(lazy('deliver'));

  p.command('compensate').argument('<id>').description('the shop was at fault: refund part, waive the delivery fee; prints the apology that fits')
    .addOption(new Option('--kind <kind>', 'what went wrong').choices(['late', 'defect', 'wrong-item', 'price', 'other']).default('late'))
    .requiredOption('--reason <text>', 'what went wrong')
    .option('--refund <amount>', 'money given back')
    .option('--waive-delivery', 'do not charge the delivery fee')
    .action(lazy('compensate'));

  p.command('refund').argument('<id>').argument('<amount>', 'an amount, or all').description('pay back money the shop owes the customer; prints the refund notice')
    .addOption(method('how it was paid back'))
    .option('--reason <text>', 'why')
    .action(lazy('refund'));

  p.command('edit').argument('<id>').description('correct a pending or confirmed order (a new quote asks for a new confirmation)')
    .addOption(items('an item; repeat for more (replaces all items)'))
    .option('--pickup <date>', 'a new pickup date (reminders follow it)')
    .option('--deposit <amount|percent%>', 'a new required DP (default: the order\'s own DP percent of the new total)')
    .option('--custom', 'custom order: needs written confirmation before production')
    .option('--note <text>', 'a note on the order')
    .action(lazy('edit'));

  p.command('void').argument('<id>').description('an order entered by mistake, with no money on it: it counts nowhere')
    .requiredOption('--reason <text>', 'why')
    .action(lazy('void'));

  p.command('today').description("the day's agenda: pickups, messages due, overdue orders, what tonight's sweep will do").action(lazy('today'));

  p.command('customers').argument('[show|set]', 'show one customer, or set their name, salutation or language').argument('[customer]', 'phone or id, with show or set')
    .description('customers with their orders, no-shows, shop failures and balances; `customers show PHONE|ID` for one; `customers set PHONE|ID --name NAME` renames (logged), `--salutation S --lang L` sets how messages address them')
    .option('--name <name>', 'with set: the new name')
    .addOption(new Option('--salutation <salutation>', "with set: how messages address them (default: the shop's salutation setting)").choices(['pak', 'bu', 'kak', 'none']))
    .option('--sort <by>', 'no-shows (default), orders, name, balance, forfeited')
    .option('--limit <n>', 'at most this many')
    .addOption(outputOptions(['table', 'json', 'ndjson', 'csv'], 'table'))
    .action(lazy('customers'));

  p.command('complaints').argument('[resolve]', 'resolve one').argument('[n]', 'the complaint number, with resolve')
    .description('complaints, open first; `complaints resolve N --note TEXT` records how one was resolved')
    .option('--all', 'resolved ones too')
    .option('--note <text>', 'with resolve: how it was resolved')
    .action(lazy('complaints'));

  const blacklist = p.command('blacklist').description('customers whose new orders need more (internal, never shown to them)');
  blacklist.command('add').argument('<customer>', 'phone or id').requiredOption('--reason <text>', 'why').description('blacklist a customer').action(lazy('blacklist', 'add'));
  blacklist.command('remove').argument('<customer>', 'phone or id').option('--reason <text>', 'why it is lifted').description('lift a blacklist entry (its history is kept)').action(lazy('blacklist', 'remove'));
  blacklist.command('list').option('--all', 'include lifted entries').description('blacklisted customers').action(lazy('blacklist', 'list'));

  p.command('report').description('orders, completions, cancellations by who and why, no-show rate, money, complaints, insights')
    .option('--from <date>', 'first day (default: the 1st of this month)')
    .option('--to <date>', 'last day (default: today)')
    .addOption(new Option('--by <period>', 'break down').choices(['week', 'month', 'customer']))
    .addOption(outputOptions(['text', 'json', 'csv'], 'text'))
    .action(lazy('report'));

  p.command('export').argument('[what]', 'orders (default), customers, payments or messages')
    .description('stream data for scripts and spreadsheets (constant memory at any size)')
    .addOption(outputOptions(['csv', 'json', 'ndjson'], 'csv'))
    .option('--from <date>', 'created (or written) on or after')
    .option('--to <date>', 'created (or written) on or before')
    .option('--status <status>', 'orders in these statuses (comma-separated)')
    .option('--raw', 'write every cell as it is (no formula neutralising)')
    .option('--include-void', 'also void orders (entered by mistake), left out by default')
    .action(lazy('export'));

  p.command('import').argument('<file>', 'a CSV file, or - for standard input')
    .description('add orders from the orders CSV that export writes (all rows or none)')
    .option('--dry-run', 'validate only')
    .action(lazy('import'));

  p.command('backup').argument('<file>', 'where to write the copy').description('a consistent copy of the database, even while it is in use')
    .action(lazy('backup'));

  p.command('copy').description('copy the whole shop into a new SQLite file or an empty PostgreSQL database, in one transaction')
    .requiredOption('--to <file|postgres://URL>', 'where to copy it; refused if it already holds a shop')
    .action(lazy('copy'));

  p.command('verify').description("check the database's integrity and the evidence chain; print its head COUNT:HASH")
    .option('--head <COUNT:HASH>', 'also prove that the first COUNT entries are those of a head recorded earlier (from verify or the sweep)')
    .action(lazy('verify'));

  p.command('demo').description('build a sample shop (two weeks of orders, sweeps run) to try everything on')
    .action(async (...params: unknown[]) => {
      // Without --db the demo gets a file of its own, made anew each time, never the shop's database.
      if (p.opts().db === undefined && !process.env.ORDERS_DB) {
        const { removeDemoDb } = await import('./db/open.js');
        p.setOptionValue('db', removeDemoDb());
      }
      await lazy('demo')(...params);
    });

  teach(p);
}

function teach(p: Command): void {
  for (const [group, names] of Object.entries(GROUPS)) {
    for (const name of names) {
      const cmd = p.commands.find((c) => c.name() === name);
      if (!cmd) continue;
      cmd.helpGroup(group);
      const ex = EXAMPLES[name];
      if (ex) cmd.addHelpText('after', `\nExamples:\n  $ ${ex[0]}\n  $ ${ex[1]}\n`);
    }
  }
}
