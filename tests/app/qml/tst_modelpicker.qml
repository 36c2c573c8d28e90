import QtQuick
import QtQuick.Controls
import QtTest
import "finder.js" as Finder
import Muxi.Workbench
import Muxi.Workbench.Settings

// The model picker as a keyboard user meets it: opened (as Ctrl+K does) with
// the search focused, typing filters, arrows move, Enter chooses, Esc closes.
Item {
    width: 900
    height: 700

    QtObject {
        id: fakeController
        property string model: "openai/gpt-4o-mini"
    }

    ModelPicker {
        id: picker
        width: parent.width
        workbench: Workbench
        controller: fakeController
    }

    TestCase {
        name: "ModelPicker"
        when: windowShown

        function init() {
            fakeController.model = "openai/gpt-4o-mini"
            picker.filter.capabilities = []
            if (picker.popup.opened)
                picker.popup.close()
            tryCompare(picker.popup, "visible", false)
        }

        function openPicker() {
            picker.open()
            tryCompare(picker.popup, "opened", true)
            tryVerify(function() { return picker.searchField.activeFocus })
        }

        function typeText(text) {
            for (var i = 0; i < text.length; ++i)
                keyClick(text[i])
        }

        function test_typingFiltersAndEnterChooses() {
            openPicker()
            verify(picker.listView.count > 5)
            // The chosen model is the current row when the list opens.
            compare(picker.filter.nameAt(picker.listView.currentIndex), "openai/gpt-4o-mini")
            typeText("gpt 4.1 nano")
            compare(picker.searchField.text, "gpt 4.1 nano")
            tryCompare(picker.listView, "count", 1)
            compare(picker.filter.nameAt(0), "openai/gpt-4.1-nano")
            keyClick(Qt.Key_Return)
            compare(fakeController.model, "openai/gpt-4.1-nano")
            tryCompare(picker.popup, "visible", false)
            // Chosen: now first among the recently used.
            compare(Workbench.settings.recentModels[0], "openai/gpt-4.1-nano")
            var button = Finder.findNamed(picker, "modelButton")
            compare(button.text, "openai/gpt-4.1-nano")
            verify(button.Accessible.name.length > 0)
        }

        function test_arrowsMoveAndEscapeCloses() {
            openPicker()
            typeText("gpt 4.1")
            tryCompare(picker.listView, "count", 3)
            compare(picker.listView.currentIndex, 0)
            keyClick(Qt.Key_Down)
            keyClick(Qt.Key_Down)
            compare(picker.listView.currentIndex, 2)
            keyClick(Qt.Key_Up)
            compare(picker.listView.currentIndex, 1)
            var chosen = picker.filter.nameAt(1)
            keyClick(Qt.Key_Escape)
            tryCompare(picker.popup, "visible", false)
            compare(fakeController.model, "openai/gpt-4o-mini", "Escape chooses nothing")
            openPicker()
            compare(picker.searchField.text, "", "the search starts empty again")
            typeText("gpt 4.1")
            tryCompare(picker.listView, "count", 3)
            keyClick(Qt.Key_Down)
            keyClick(Qt.Key_Enter)
            compare(fakeController.model, chosen)
        }

        function test_rowsShowWordsDetailsAndReasons() {
            openPicker()
            typeText("gpt-4.1-mini")
            tryCompare(picker.listView, "count", 1)
            var row = null
            tryVerify(function() { row = Finder.findNamed(picker.listView, "modelRow"); return row !== null })
            // No key in this environment: greyed with the reason.
            var reason = Finder.findNamed(row, "unavailableReason")
            verify(reason)
            compare(reason.text, "needs OPENAI_API_KEY or a key in Settings")
            verify(Finder.findNamed(row, "capability_vision"))
            compare(Finder.findNamed(row, "capability_vision").words, "sees images")
            verify(Finder.findNamed(row, "capability_tools"))
            var details = Finder.findNamed(row, "modelDetails")
            verify(details.text.indexOf("1,047,576") >= 0 || details.text.indexOf("1047576") >= 0, details.text)
            verify(details.text.indexOf("$0.40") >= 0, details.text)
            verify(row.Accessible.name.indexOf("unavailable") >= 0)

            // The star: a favourite goes to the top.
            var star = Finder.findNamed(row, "favouriteButton")
            verify(star.Accessible.name.length > 0)
            mouseClick(star)
            verify(Workbench.models.isFavourite("openai/gpt-4.1-mini"))
            picker.searchField.text = ""
            tryCompare(picker.filter, "count", picker.listView.count)
            compare(picker.filter.nameAt(0), "openai/gpt-4.1-mini")
            Workbench.models.setFavourite("openai/gpt-4.1-mini", false)
            keyClick(Qt.Key_Escape)
        }

        function test_capabilityFilter() {
            openPicker()
            var audio = Finder.findNamed(picker.popup.contentItem, "filter_audio")
            verify(audio)
            verify(audio.Accessible.name.indexOf("hears audio") >= 0)
            mouseClick(audio)
            compare(picker.filter.capabilities, ["audio"])
            verify(picker.listView.count > 0)
            for (var i = 0; i < picker.listView.count; ++i)
                verify(Workbench.models.capabilitiesOf(picker.filter.nameAt(i)).indexOf("audio") >= 0)
            mouseClick(audio)
            compare(picker.filter.capabilities, [])
            keyClick(Qt.Key_Escape)
        }
    }
}
