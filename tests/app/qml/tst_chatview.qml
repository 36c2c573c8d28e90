import QtQuick
import QtTest
import "finder.js" as Finder
import Muxi.Workbench
import Muxi.Workbench.Chat

Item {
    width: 900
    height: 700

    ListModel {
        id: messageRows
    }

    QtObject {
        id: fakeController
        property bool streaming: false
        property bool loading: false
        property string model: "openai/gpt-4o-mini"
        property var messages: messageRows
        property var retried: []
        property var copiedCode: []
        function send(text) { return true }
        function stop() {}
        function retry(row) { retried.push(row) }
        property var regenerated: []
        function regenerate(row, model) { regenerated.push([row, model || ""]) }
        function copy(row) {}
        function copyCode(row, index) { copiedCode.push([row, index]) }
        function editAndResend(row, text) {}
        // Two branches of the answer at row 1, as the real controller swaps them in.
        property var branches: ["First answer", "Second answer"]
        function switchBranch(row, delta) {
            var next = messageRows.get(row).siblingIndex + delta
            messageRows.setProperty(row, "siblingIndex", next)
            messageRows.setProperty(row, "text", branches[next])
            messageRows.setProperty(row, "html", branches[next])
        }
    }

    ChatView {
        id: view
        anchors.fill: parent
        workbench: Workbench
        controller: fakeController
    }

    TestCase {
        name: "ChatView"
        when: windowShown

        // The view lays out in its next frame: wait for an item instead of expecting it at once.
        function waitFor(root, name) {
            var found = null
            tryVerify(function() { found = Finder.findNamed(root, name); return found !== null }, 2000, name)
            return found
        }

        function waitGone(root, name) {
            tryVerify(function() { return Finder.findNamed(root, name) === null }, 2000, name + " still shown")
        }

        function add(role, text, status, error) {
            messageRows.append({ role: role, text: text, html: text, stableHtml: "", tailHtml: text, model: role === "assistant" ? "openai/gpt-4o-mini" : "",
                              status: status, error: error || "", firstTokenMs: status === "done" ? 120 : -1,
                              durationMs: status === "done" ? 2300 : -1, completionTokens: status === "done" ? 42 : 0,
                              attachments: [], attempts: [], stableBlocks: [], tool: {}, toolCalls: [],
                              siblingIndex: 0, siblingCount: 1 })
        }

        function init() {
            messageRows.clear()
            fakeController.retried = []
            fakeController.copiedCode = []
            fakeController.regenerated = []
            // Delegates of the previous test are destroyed with the next frames.
            waitGone(view.messageView, "messageText")
        }

        function test_emptyState() {
            waitFor(view, "emptyState")
            compare(view.messageView.count, 0)
        }

        function test_bubblesWithModelAndTimings() {
            add("user", "Hello", "done")
            add("assistant", "Hi there", "done")
            tryCompare(view.messageView, "count", 2)
            waitGone(view, "emptyState")
            var label = waitFor(view.messageView, "modelLabel")
            compare(label.text, "openai/gpt-4o-mini")
            var timings = Finder.findNamed(view.messageView, "timings")
            verify(timings.text.indexOf("120 ms") >= 0)
            verify(timings.text.indexOf("2.3 s") >= 0)
            verify(timings.text.indexOf("42") >= 0)
        }

        function test_streamingIndicator() {
            add("user", "Hello", "done")
            add("assistant", "", "pending")
            tryCompare(view.messageView, "count", 2)
            waitFor(view.messageView, "streamingIndicator")
            messageRows.setProperty(1, "status", "done")
            messageRows.setProperty(1, "text", "Done")
            messageRows.setProperty(1, "html", "Done")
            waitGone(view.messageView, "streamingIndicator")
        }

        // Whether a visible message text at or below `item` shows `expected`.
        function shownText(item, expected) {
            if (!item.visible)
                return false
            if (item.objectName === "messageText" && item.text.indexOf(expected) >= 0)
                return true
            for (var i = 0; i < item.children.length; ++i) {
                if (shownText(item.children[i], expected))
                    return true
            }
            return false
        }

        function test_branchSwitcherSwitchesTheShownText() {
            add("user", "Hello", "done")
            add("assistant", "Second answer", "done")
            messageRows.setProperty(1, "siblingIndex", 1)
            messageRows.setProperty(1, "siblingCount", 2)
            tryCompare(view.messageView, "count", 2)
            var position = waitFor(view.messageView, "branchPosition")
            compare(position.text, "2/2")
            verify(position.visible)
            var previous = Finder.findNamed(view.messageView, "previousBranchButton")
            var next = Finder.findNamed(view.messageView, "nextBranchButton")
            compare(previous.Accessible.name, "Previous branch")
            compare(next.Accessible.name, "Next branch")
            verify(previous.enabled)
            verify(!next.enabled)
            tryVerify(function() { return shownText(view.messageView, "Second answer") }, 2000)
            // Keyboard: the button takes focus and Space presses it.
            previous.forceActiveFocus()
            verify(previous.activeFocus)
            keyClick(Qt.Key_Space)
            tryCompare(position, "text", "1/2")
            tryVerify(function() { return shownText(view.messageView, "First answer") }, 2000)
            verify(!shownText(view.messageView, "Second answer"))
            verify(!previous.enabled)
            mouseClick(next)
            tryCompare(position, "text", "2/2")
            tryVerify(function() { return shownText(view.messageView, "Second answer") }, 2000)
        }

        function test_regenerateWithAnotherModel() {
            add("user", "Hello", "done")
            add("assistant", "Hi", "done")
            tryCompare(view.messageView, "count", 2)
            var button = waitFor(view.messageView, "regenerateWithButton")
            mouseClick(button)
            var combo = waitFor(view.Window.window.contentItem, "regenerateModelCombo")
            // It starts from the model that answered.
            compare(combo.editText, "openai/gpt-4o-mini")
            combo.editText = "anthropic/claude-3-5-haiku"
            mouseClick(waitFor(view.Window.window.contentItem, "regenerateConfirmButton"))
            compare(fakeController.regenerated, [[1, "anthropic/claude-3-5-haiku"]])
        }

        function test_noBranchSwitcherWithoutBranches() {
            add("user", "Hello", "done")
            add("assistant", "Hi", "done")
            tryCompare(view.messageView, "count", 2)
            waitFor(view.messageView, "modelLabel")
            compare(Finder.findNamed(view.messageView, "branchSwitcher"), null)
            compare(Finder.findNamed(view.messageView, "branchPosition"), null)
        }

        function test_errorBubbleRetries() {
            add("user", "Hello", "done")
            add("assistant", "", "failed", "openai/gpt-4o-mini: HTTP 500 server: The server had an error")
            tryCompare(view.messageView, "count", 2)
            var error = waitFor(view.messageView, "errorText")
            verify(error.text.indexOf("HTTP 500") >= 0)
            var retry = waitFor(view.messageView, "retryButton")
            mouseClick(retry)
            compare(fakeController.retried, [1])
        }

        function test_copyLinkOfACodeBlock() {
            add("assistant", "", "done")
            messageRows.setProperty(0, "html", "<a href=\"copy:0\">Copy</a>")
            tryCompare(view.messageView, "count", 1)
            var text = waitFor(view.messageView, "messageText")
            text.linkActivated("copy:0")
            compare(fakeController.copiedCode, [[0, 0]])
        }
    }
}
