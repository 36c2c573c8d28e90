import QtQuick
import QtTest
import "finder.js" as Finder
import Muxi.Workbench
import Muxi.Workbench.Chat

Item {
    width: 800
    height: 300

    QtObject {
        id: fakeController
        property bool streaming: false
        property string model: "openai/gpt-4o-mini"
        property var sent: []
        property int stops: 0
        function send(text) { sent.push(text); return true }
        function stop() { stops += 1 }
    }

    Composer {
        id: composer
        width: parent.width
        workbench: Workbench
        controller: fakeController
    }

    TestCase {
        name: "Composer"
        when: windowShown

        function init() {
            fakeController.sent = []
            fakeController.stops = 0
            fakeController.streaming = false
            composer.input.clear()
            composer.input.forceActiveFocus()
        }

        function test_enterSends() {
            keyClick(Qt.Key_H)
            keyClick(Qt.Key_I)
            keyClick(Qt.Key_Return)
            compare(fakeController.sent, ["hi"])
            compare(composer.input.text, "")
        }

        function test_shiftEnterAddsALine() {
            keyClick(Qt.Key_A)
            keyClick(Qt.Key_Return, Qt.ShiftModifier)
            keyClick(Qt.Key_B)
            compare(fakeController.sent.length, 0)
            compare(composer.input.text, "a\nb")
            keyClick(Qt.Key_Enter)
            compare(fakeController.sent, ["a\nb"])
        }

        function test_emptyIsNotSent() {
            keyClick(Qt.Key_Space)
            keyClick(Qt.Key_Return)
            compare(fakeController.sent.length, 0)
            var button = Finder.findNamed(composer, "sendButton")
            verify(button)
            verify(!button.enabled)
        }

        function test_stopWhileStreaming() {
            keyClick(Qt.Key_X)
            fakeController.streaming = true
            keyClick(Qt.Key_Return)
            compare(fakeController.sent.length, 0, "Enter does not send while an answer streams")
            var stop = Finder.findNamed(composer, "stopButton")
            verify(stop)
            compare(stop.text, qsTr("Stop"))
            mouseClick(stop)
            compare(fakeController.stops, 1)
            fakeController.streaming = false
            var send = Finder.findNamed(composer, "sendButton")
            verify(send)
            mouseClick(send)
            compare(fakeController.sent, ["x"])
        }

        function test_modelPickerShowsModelAndBadges() {
            var button = Finder.findNamed(composer, "modelButton")
            verify(button)
            compare(button.text, "openai/gpt-4o-mini")
            var badges = Finder.findNamed(composer, "modelBadges")
            verify(badges)
            compare(badges.capabilities, ["vision", "tools", "json"])
            verify(Finder.findNamed(badges, "capability_vision"))
        }

        function test_contextMeterCountsTheDraft() {
            keyClick(Qt.Key_H)
            keyClick(Qt.Key_I)
            tryVerify(function() { return composer.contextMeter.counted && composer.contextMeter.draft === "hi" })
            tryVerify(function() { return composer.contextMeter.tokens > 0 })
            compare(composer.contextMeter.contextWindow, 128000)
            var label = Finder.findNamed(composer, "contextMeter")
            verify(label)
            verify(label.text.indexOf("128") >= 0, label.text)
        }
    }
}
