package bindings

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	lua "github.com/yuin/gopher-lua"
)

// osTimeFunctions are os.date, os.time and os.difftime as Lua 5.1's manual has
// them (gopher-lua's own leave out yday, %j and most of C's conversions, and take a
// date table with its day, month or year missing).
func osTimeFunctions() []builtin {
	return []builtin{
		{"date", osDate},
		{"time", osTime},
		{"difftime", osDifftime},
	}
}

// maxTime keeps a time's year well inside what C's struct tm holds: os.date gives
// nil past it, as Lua 5.1 does when the C library cannot represent the time.
const maxTime = 1 << 55

// osDate is os.date([format [, time]]): "*t" gives a table, any other format is
// C's strftime in the C locale ("%c" by default); a leading "!" means UTC.
func osDate(c call) int {
	defFormat, now := "%c", float64(time.Now().Unix())
	format := c.str(1, &defFormat)
	secs := c.number(2, &now)
	if !(math.Abs(secs) < maxTime) {
		c.L.Push(lua.LNil)
		return 1
	}
	t := time.Unix(int64(secs), 0).Local()
	if strings.HasPrefix(format, "!") {
		format, t = format[1:], t.UTC()
	}
	if format == "*t" {
		tbl := c.L.CreateTable(0, 9)
		for _, f := range []struct {
			key   string
			value int
		}{
			{"year", t.Year()}, {"month", int(t.Month())}, {"day", t.Day()},
			{"hour", t.Hour()}, {"min", t.Minute()}, {"sec", t.Second()},
			{"wday", int(t.Weekday()) + 1}, {"yday", t.YearDay()},
		} {
			tbl.RawSetString(f.key, lua.LNumber(f.value))
		}
		tbl.RawSetString("isdst", lua.LBool(t.IsDST()))
		c.L.Push(tbl)
		return 1
	}
	c.L.Push(lua.LString(strftime(t, format)))
	return 1
}

// strftime formats t as C's strftime does in the C locale, one conversion ("%"
// and a letter) at a time as Lua 5.1 calls it: an unknown conversion is kept as it
// is, and so is a "%" at the end.
func strftime(t time.Time, format string) string {
	var b strings.Builder
	for i := 0; i < len(format); i++ {
		if format[i] != '%' || i+1 == len(format) {
			b.WriteByte(format[i])
			continue
		}
		i++
		b.WriteString(conversion(t, format[i]))
	}
	return b.String()
}

// conversion is what strftime's %c gives for t.
func conversion(t time.Time, c byte) string {
	yday, wday := t.YearDay()-1, int(t.Weekday())
	isoYear, isoWeek := t.ISOWeek()
	hour12 := (t.Hour()+11)%12 + 1
	switch c {
	case 'a':
		return t.Format("Mon")
	case 'A':
		return t.Format("Monday")
	case 'b', 'h':
		return t.Format("Jan")
	case 'B':
		return t.Format("January")
	case 'c':
		return t.Format("Mon Jan _2 15:04:05 ") + strconv.Itoa(t.Year())
	case 'C':
		return fmt.Sprintf("%02d", t.Year()/100)
	case 'd':
		return fmt.Sprintf("%02d", t.Day())
	case 'D', 'x':
		return t.Format("01/02/06")
	case 'e':
		return fmt.Sprintf("%2d", t.Day())
	case 'F':
		return strconv.Itoa(t.Year()) + t.Format("-01-02")
	case 'g':
		return fmt.Sprintf("%02d", isoYear%100)
	case 'G':
		return strconv.Itoa(isoYear)
	case 'H':
		return fmt.Sprintf("%02d", t.Hour())
	case 'I':
		return fmt.Sprintf("%02d", hour12)
	case 'j':
		return fmt.Sprintf("%03d", yday+1)
	case 'k':
		return fmt.Sprintf("%2d", t.Hour())
	case 'l':
		return fmt.Sprintf("%2d", hour12)
	case 'm':
		return fmt.Sprintf("%02d", int(t.Month()))
	case 'M':
		return fmt.Sprintf("%02d", t.Minute())
	case 'n':
		return "\n"
	case 'p':
		return t.Format("PM")
	case 'P':
		return t.Format("pm")
	case 'r':
		return fmt.Sprintf("%02d", hour12) + t.Format(":04:05 PM")
	case 'R':
		return t.Format("15:04")
	case 's':
		return strconv.FormatInt(t.Unix(), 10)
	case 'S':
		return fmt.Sprintf("%02d", t.Second())
	case 't':
		return "\t"
	case 'T', 'X':
		return t.Format("15:04:05")
	case 'u':
		return strconv.Itoa((wday+6)%7 + 1)
	case 'U':
		return fmt.Sprintf("%02d", (yday+7-wday)/7)
	case 'V':
		return fmt.Sprintf("%02d", isoWeek)
	case 'w':
		return strconv.Itoa(wday)
	case 'W':
		return fmt.Sprintf("%02d", (yday+7-(wday+6)%7)/7)
	case 'y':
		return fmt.Sprintf("%02d", t.Year()%100)
	case 'Y':
		return strconv.Itoa(t.Year())
	case 'z':
		return t.Format("-0700")
	case 'Z':
		return t.Format("MST")
	case '%':
		return "%"
	}
	return "%" + string(c)
}

// osTime is os.time([table]): the time now, or the local time the table gives
// (day, month and year are needed; hour is 12, min and sec 0 if missing). A table
// out of range gives nil.
func osTime(c call) int {
	L := c.L
	if L.Get(1) == lua.LNil {
		L.Push(lua.LNumber(time.Now().Unix()))
		return 1
	}
	tbl, ok := L.Get(1).(*lua.LTable)
	if !ok {
		c.argError(1, "table expected, got "+typeName(L, 1))
	}
	inRange := true
	field := func(key string, def int) int {
		f, ok := toNumber(L.GetField(tbl, key))
		switch {
		case !ok && def < 0:
			L.RaiseError("field '%s' missing in date table", key)
		case !ok:
			return def
		case !(math.Abs(f) < math.MaxInt32):
			inRange = false
			return 0
		}
		return int(f)
	}
	sec, min, hour := field("sec", 0), field("min", 0), field("hour", 12)
	day, month, year := field("day", -1), field("month", -1), field("year", -1)
	if !inRange {
		L.Push(lua.LNil)
		return 1
	}
	L.Push(lua.LNumber(time.Date(year, time.Month(month), day, hour, min, sec, 0, time.Local).Unix()))
	return 1
}

// osDifftime is os.difftime(t2 [, t1]): t2 - t1 in seconds, each taken as a whole
// number of seconds.
func osDifftime(c call) int {
	zero := 0.0
	t2, t1 := c.number(1, nil), c.number(2, &zero)
	c.L.Push(lua.LNumber(math.Trunc(t2) - math.Trunc(t1)))
	return 1
}
